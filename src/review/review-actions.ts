import { applyCardAction } from '../browse/card-actions.js';
import type { Database } from '../db/database.js';
import { isLearnerCard } from '../drafts/learner-cards.js';
import { notFound } from '../errors/app-error.js';
import type { Day } from '../scheduler/day.js';
import { buryCard, unburyCard } from './burials.js';

/**
 * What the review screen does to the card on it besides grading: suspend (`@` / `!`), bury until
 * tomorrow (`-`), flag (`f`), and the reverse of each, which the page offers as an undo.
 */
export const REVIEW_ACTIONS = ['suspend', 'unsuspend', 'bury', 'unbury', 'flag', 'unflag'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The actions after which the card is no longer in today's session. */
export const LEAVES_SESSION: ReadonlySet<ReviewAction> = new Set(['suspend', 'bury']);

export interface ReviewActionInput {
  userId: number;
  cardId: string;
  action: ReviewAction;
  today: Day;
  now: number;
}

/**
 * Applies one action to one of the learner's cards, in one transaction. A card the learner does
 * not meet (no such card, retired, rejected, a draft they never accepted) is a 404 with the same
 * message as a missing one, as the review screen never shows it. Suspend and flag are Browse's
 * (src/browse/card-actions.ts), so both screens keep one meaning. Returns whether anything
 * changed: repeating an action is not an error.
 */
export function applyReviewAction(db: Database, input: ReviewActionInput): boolean {
  const { userId, cardId, action, today, now } = input;
  return db.transaction(() => {
    if (!isLearnerCard(db, userId, cardId)) throw notFound('That card does not exist.');
    if (action === 'bury') return buryCard(db, userId, cardId, today, now);
    if (action === 'unbury') return unburyCard(db, userId, cardId, today);
    return applyCardAction(db, userId, [cardId], action, now) > 0;
  });
}
