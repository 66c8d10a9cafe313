import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';
import { EDITED_ANSWER, EDITED_PROMPT, learnerCardWhere, learnerEditsJoin, scheduledCardWhere, HIDDEN_AT_MOST, UNSEEN_HIDDEN_COUNT } from '../drafts/learner-cards.js';
import { buriedNewCount, notBuriedWhere } from './burials.js';

export interface DailyLimits {
  newCardsPerDay: number;
  reviewsPerDay: number;
  /**
   * Top-level topics the learner's class asks for; cards elsewhere stay out of the session.
   * Absent or null: every topic (a learner on their own, or a class that chose none).
   */
  topics?: readonly string[] | null;
  /**
   * A topic path the learner chose to study today (`/review?topic=…`): only cards at that path
   * or under it, on top of the class's topics. Absent or null: every topic in scope.
   */
  studyTopic?: string | null;
  /**
   * The last due day today's session reaches: tomorrow while the learner reviews ahead ("study
   * more", src/review/study-more.ts), else today (the default).
   */
  dueThrough?: Day;
}

/** Whether the session is narrowed to some topics (a class's, the learner's chosen one, or both). */
function narrowed(limits: DailyLimits): boolean {
  return Boolean(limits.topics) || Boolean(limits.studyTopic);
}

/**
 * Limits a query to the scope's topics (a card's path starts with one of them) and to the
 * learner's chosen topic (the path itself or one under it), or nothing. Matching is segment-wise:
 * "Docker" takes "Docker › Images" but not "Dockerfile".
 */
function topicClause(limits: DailyLimits): string {
  const scope = limits.topics
    ? ` AND EXISTS (SELECT 1 FROM json_each(@topics) t
         WHERE c.topic = t.value OR substr(c.topic, 1, length(t.value) + 3) = t.value || ' › ')`
    : '';
  const chosen = limits.studyTopic
    ? ` AND (c.topic = @studyTopic OR substr(c.topic, 1, length(@studyTopic) + 3) = @studyTopic || ' › ')`
    : '';
  return scope + chosen;
}

function topicParam(limits: DailyLimits): { topics?: string; studyTopic?: string } {
  return {
    ...(limits.topics ? { topics: JSON.stringify(limits.topics) } : {}),
    ...(limits.studyTopic ? { studyTopic: limits.studyTopic } : {}),
  };
}

export interface QueueCounts {
  due: number;
  new: number;
  drill: number;
  /** Cards left in today's session. */
  left: number;
}

export interface QueueCard {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  sourceFile: string;
  sourceLine: number;
  queue: 'review' | 'new' | 'drill';
}

export interface AnsweredToday {
  new: number;
  review: number;
  drill: number;
  total: number;
}

// The learner's own edits of a card (src/drafts/) replace the notes' text wherever they see it.
const CARD_COLUMNS = `c.id, c.kind, c.topic, ${EDITED_PROMPT} AS prompt, ${EDITED_ANSWER} AS answer,
  c.source_file AS sourceFile, c.source_line AS sourceLine`;
const EDITS = learnerEditsJoin('c');

/** How many scheduled reviews and new cards the learner has answered today (undone ones excluded). */
export function answeredToday(db: Database, userId: number, today: Day): AnsweredToday {
  const rows = db.all<{ kind: string; n: number }>(
    `SELECT kind, count(*) AS n FROM review_log
      WHERE user_id = ? AND day = ? AND undone_at IS NULL GROUP BY kind`,
    [userId, today],
  );
  const count = (kind: string) => rows.find((row) => row.kind === kind)?.n ?? 0;
  return { new: count('new'), review: count('review'), drill: count('drill'), total: rows.reduce((sum, r) => sum + r.n, 0) };
}

/** What is left of today's daily limits. */
export function remainingLimits(done: AnsweredToday, limits: DailyLimits): { reviews: number; newCards: number } {
  return {
    reviews: Math.max(0, limits.reviewsPerDay - done.review),
    newCards: Math.max(0, limits.newCardsPerDay - done.new),
  };
}

// Which cards are the learner's is one rule (src/drafts/learner-cards.ts). For a due state it
// needs no join with cards: retired cards are few, so "live" is a probe into a tiny partial index
// and "not rejected" one into the learner's overrides; the due walk reads card_states_seen alone.
// A card buried today (src/review/burials.ts) is one more primary-key probe.
// Reviewing ahead reaches cards due through @dueThrough whose last review was before today
// (I > 1 for a card due tomorrow): one answered today has nothing to review ahead.
const DUE_WHERE = `cs.user_id = @userId AND cs.due_day <= @dueThrough AND (cs.due_day <= @today OR cs.interval_days > 1) AND cs.suspended = 0
  AND (cs.drill_day IS NULL OR cs.drill_day <> @today) AND ${scheduledCardWhere('cs.card_id')} AND ${notBuriedWhere('cs.card_id')}`;
const DRILL_WHERE = `cs.user_id = @userId AND cs.drill_day = @today AND cs.suspended = 0 AND ${learnerCardWhere('c')}
  AND ${notBuriedWhere('cs.card_id')}`;

/**
 * New cards = active cards − the learner's seen ones (scheduled or suspended) among them − the
 * unseen ones the learner may not meet (drafts not accepted, rejected cards). Every term is an
 * O(1)-ish lookup or a walk over few rows: the table count, the few retired cards, the learner's
 * seen count that triggers keep (migration 012), the live drafts and the learner's rejections;
 * the learner's cards buried today, never seen, come off too (a walk over their burials only).
 * Looking for cards *without* a state instead visits every card the learner has already seen,
 * which was the review benchmark's main cost. The page shows at most today's limit, so the
 * hidden cards are counted one by one only when they could bring the count below `atMost`.
 */
function countNew(db: Database, userId: number, today: Day, atMost: number): number {
  const total = db.first<{ n: number }>('SELECT count(*) AS n FROM cards')?.n ?? 0;
  const retired = db.first<{ n: number }>('SELECT count(*) AS n FROM cards INDEXED BY cards_retired WHERE retired_at IS NOT NULL')?.n ?? 0;
  const seen = db.first<{ seen: number }>('SELECT seen FROM learner_seen_counts WHERE user_id = ?', [userId])?.seen ?? 0;
  const seenRetired =
    db.first<{ n: number }>(
      // CROSS JOIN keeps SQLite walking the (few) retired cards first.
      `SELECT count(*) AS n FROM cards c INDEXED BY cards_retired
         CROSS JOIN card_states cs ON cs.user_id = ? AND cs.card_id = c.id
        WHERE c.retired_at IS NOT NULL AND (cs.due_day IS NOT NULL OR cs.suspended = 1)`,
      [userId],
    )?.n ?? 0;
  const unseenLive = total - retired - (seen - seenRetired) - buriedNewCount(db, userId, today);
  const mostHidden = db.first<{ n: number }>(HIDDEN_AT_MOST, { userId })?.n ?? 0;
  if (unseenLive - mostHidden >= atMost) return atMost;
  const hidden = db.first<{ n: number }>(UNSEEN_HIDDEN_COUNT, { userId })?.n ?? 0;
  return Math.min(atMost, unseenLive - hidden);
}

/** New cards within a class's or the learner's chosen topics: the straightforward count. */
function countNewInTopics(db: Database, userId: number, today: Day, limits: DailyLimits): number {
  return (
    db.first<{ n: number }>(
      `SELECT count(*) AS n FROM cards c WHERE ${learnerCardWhere('c')}${topicClause(limits)} AND ${notBuriedWhere('c.id')}
         AND c.id NOT IN (SELECT card_id FROM card_states WHERE user_id = @userId AND (due_day IS NOT NULL OR suspended = 1))`,
      { userId, today, ...topicParam(limits) },
    )?.n ?? 0
  );
}

/** Counts for today's session, with the daily limits applied; counting stops at the limits. */
export function queueCounts(db: Database, userId: number, today: Day, limits: DailyLimits, done = answeredToday(db, userId, today)): QueueCounts {
  const remaining = remainingLimits(done, limits);
  const params = { userId, today, dueThrough: limits.dueThrough ?? today, limit: remaining.reviews, ...topicParam(limits) };
  // Without a class scope or a chosen topic the due walk never touches cards; with one it must
  // read each topic.
  const dueFrom = narrowed(limits)
    ? `card_states cs INDEXED BY card_states_seen JOIN cards c ON c.id = cs.card_id WHERE ${DUE_WHERE}${topicClause(limits)}`
    : `card_states cs INDEXED BY card_states_seen WHERE ${DUE_WHERE}`;
  const due =
    remaining.reviews === 0 ? 0 : (db.first<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${dueFrom} LIMIT @limit)`, params)?.n ?? 0);
  const unseen = () => (narrowed(limits) ? countNewInTopics(db, userId, today, limits) : countNew(db, userId, today, remaining.newCards));
  const fresh = remaining.newCards === 0 ? 0 : Math.min(unseen(), remaining.newCards);
  const drill =
    db.first<{ n: number }>(
      `SELECT count(*) AS n FROM card_states cs JOIN cards c ON c.id = cs.card_id WHERE ${DRILL_WHERE}${topicClause(limits)}`,
      { userId, today, ...topicParam(limits) },
    )?.n ?? 0;
  return { due, new: fresh, drill, left: due + fresh + drill };
}

/**
 * The next card of today's session: due reviews first (most overdue first, in index order so no
 * sort is needed), then new cards in the
 * order of the notes, then the same-day drills of SM-2 step 7, least recently answered first.
 * `except` leaves one card out (the one on screen, when looking for the card after it).
 */
export function nextCard(
  db: Database,
  userId: number,
  today: Day,
  limits: DailyLimits,
  done = answeredToday(db, userId, today),
  except?: string,
): QueueCard | undefined {
  const remaining = remainingLimits(done, limits);
  const params = { userId, today, dueThrough: limits.dueThrough ?? today, ...topicParam(limits), ...(except === undefined ? {} : { except }) };
  const narrow = topicClause(limits) + (except === undefined ? '' : ' AND c.id <> @except');
  if (remaining.reviews > 0) {
    const due = db.first<Omit<QueueCard, 'queue'>>(
      `SELECT ${CARD_COLUMNS} FROM card_states cs INDEXED BY card_states_seen JOIN cards c ON c.id = cs.card_id ${EDITS}
        WHERE ${DUE_WHERE}${narrow} ORDER BY cs.due_day LIMIT 1`,
      params,
    );
    if (due) return { ...due, queue: 'review' };
  }
  if (remaining.newCards > 0) {
    // NOT IN builds the learner's seen set once, then walks active cards in note order.
    const fresh = db.first<Omit<QueueCard, 'queue'>>(
      `SELECT ${CARD_COLUMNS} FROM cards c INDEXED BY cards_active_position ${EDITS}
        WHERE c.retired_at IS NULL${narrow} AND c.id NOT IN (
          SELECT card_id FROM card_states WHERE user_id = @userId AND (due_day IS NOT NULL OR suspended = 1))
          AND ${learnerCardWhere('c')} AND ${notBuriedWhere('c.id')}
        ORDER BY c.position LIMIT 1`,
      params,
    );
    if (fresh) return { ...fresh, queue: 'new' };
  }
  const drill = db.first<Omit<QueueCard, 'queue'>>(
    `SELECT ${CARD_COLUMNS} FROM card_states cs JOIN cards c ON c.id = cs.card_id ${EDITS}
      WHERE ${DRILL_WHERE}${narrow} ORDER BY cs.last_answered_at LIMIT 1`,
    params,
  );
  return drill && { ...drill, queue: 'drill' };
}

/**
 * The card that follows `current` once it is answered: the page holds it ready, so the next card
 * shows the moment a grade is given. It is counted as answered against its daily limit. A card
 * graded below 4 comes back today, but after every other card, so leaving it out is right unless
 * it is the last one, which the client knows from its own grade.
 */
export function cardAfter(
  db: Database,
  userId: number,
  today: Day,
  limits: DailyLimits,
  current: QueueCard,
  done = answeredToday(db, userId, today),
): QueueCard | undefined {
  const answered = {
    ...done,
    new: done.new + (current.queue === 'new' ? 1 : 0),
    review: done.review + (current.queue === 'review' ? 1 : 0),
  };
  return nextCard(db, userId, today, limits, answered, current.id);
}
