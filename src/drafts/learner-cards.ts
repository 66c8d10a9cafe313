import type { Database } from '../db/database.js';

/**
 * The one rule for which cards a learner meets (review, new cards, quiz, browse, home and the
 * dashboard's counts), as SQL fragments every card query includes instead of its own condition.
 *
 * A card is the learner's when it is
 *   - live (not retired),
 *   - not rejected by them, and
 *   - confident (not a draft), or a draft they accepted, or a draft they have already reviewed.
 *
 * The last clause is for a card that was confident when the learner learned it and that a newer
 * compiler doubts: its schedule is theirs, so it stays in their reviews instead of vanishing.
 *
 * The fragments name the learner by the SQL expression `user`: the named parameter `@userId`
 * (callers bind it) unless a query covers many learners (`cs.user_id`).
 */

const rejected = (cardId: string, user: string) =>
  `EXISTS (SELECT 1 FROM card_overrides o_rej WHERE o_rej.user_id = ${user} AND o_rej.card_id = ${cardId} AND o_rej.decision = 'rejected')`;
const accepted = (cardId: string, user: string) =>
  `EXISTS (SELECT 1 FROM card_overrides o_acc WHERE o_acc.user_id = ${user} AND o_acc.card_id = ${cardId} AND o_acc.decision = 'accepted')`;
const reviewed = (cardId: string, user: string) =>
  `EXISTS (SELECT 1 FROM card_states s_rev WHERE s_rev.user_id = ${user} AND s_rev.card_id = ${cardId} AND s_rev.due_day IS NOT NULL)`;

/** The rule for a card row aliased `card` (default `c`). */
export function learnerCardWhere(card = 'c', user = '@userId'): string {
  return `(${card}.retired_at IS NULL AND NOT ${rejected(`${card}.id`, user)}
    AND (${card}.draft = 0 OR ${accepted(`${card}.id`, user)} OR ${reviewed(`${card}.id`, user)}))`;
}

/**
 * The same rule for a card the learner has a schedule for (a due review or a same-day drill),
 * given only its id: "reviewed" holds, so what is left is live and not rejected. The due walk
 * uses it to avoid joining cards for every due state; retired cards are few, so "live" is a probe
 * into the tiny partial index cards_retired.
 */
export function scheduledCardWhere(cardId = 'cs.card_id', user = '@userId'): string {
  return `(NOT EXISTS (SELECT 1 FROM cards r INDEXED BY cards_retired WHERE r.id = ${cardId} AND r.retired_at IS NOT NULL)
    AND NOT ${rejected(cardId, user)})`;
}

const unseen = (cardId: string) =>
  `NOT EXISTS (SELECT 1 FROM card_states s WHERE s.user_id = @userId AND s.card_id = ${cardId} AND (s.due_day IS NOT NULL OR s.suspended = 1))`;

/**
 * How many live cards the learner has never seen (no schedule, not suspended) and yet may not
 * meet: the unseen ones the rule above leaves out, i.e. drafts not accepted (rejected or not) and
 * rejected confident cards. The new-card count subtracts this from its fast count of every unseen
 * live card. It walks the live drafts (partial index cards_live_drafts) and the learner's own
 * rejections, never their whole history.
 */
export const UNSEEN_HIDDEN_COUNT = `SELECT
    (SELECT count(*) FROM cards c INDEXED BY cards_live_drafts
      WHERE c.draft = 1 AND c.retired_at IS NULL AND NOT ${accepted('c.id', '@userId')} AND ${unseen('c.id')})
  + (SELECT count(*) FROM card_overrides o JOIN cards c ON c.id = o.card_id
      WHERE o.user_id = @userId AND o.decision = 'rejected' AND c.draft = 0 AND c.retired_at IS NULL AND ${unseen('c.id')})
  AS n`;

/**
 * An upper bound of UNSEEN_HIDDEN_COUNT from two index counts, with no probe per card: the live
 * drafts plus the learner's rejections. When the new cards left even after subtracting this many
 * are more than today's limit, the exact count is not needed.
 */
export const HIDDEN_AT_MOST = `SELECT
    (SELECT count(*) FROM cards INDEXED BY cards_live_drafts WHERE draft = 1 AND retired_at IS NULL)
  + (SELECT count(*) FROM card_overrides WHERE user_id = @userId AND decision = 'rejected')
  AS n`;

/** Whether one card is the learner's by the rule above (a missing card is not). */
export function isLearnerCard(db: Database, userId: number, cardId: string): boolean {
  return db.first(`SELECT 1 FROM cards c WHERE c.id = @cardId AND ${learnerCardWhere('c')}`, { userId, cardId }) !== undefined;
}

/** Joins the learner's edits of card `card` as `o`, for `editedPrompt` / `editedAnswer`. */
export function learnerEditsJoin(card = 'c'): string {
  return `LEFT JOIN card_overrides o ON o.user_id = @userId AND o.card_id = ${card}.id`;
}

/** The card's prompt as this learner sees it (needs `learnerEditsJoin`). */
export const EDITED_PROMPT = 'coalesce(o.prompt, c.prompt)';
/** The card's answer as this learner sees it (needs `learnerEditsJoin`). */
export const EDITED_ANSWER = 'coalesce(o.answer, c.answer)';
