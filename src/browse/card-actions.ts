import type { Database } from '../db/database.js';
import { notFound } from '../errors/app-error.js';
import { readCardState, writeCardState } from '../review/card-state.js';
import { writeFlags } from './card-flags.js';

/** What Browse does to the cards a learner selected (or to the one card they opened). */
export const CARD_ACTIONS = ['suspend', 'unsuspend', 'flag', 'unflag'] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** At most this many cards per request: ten pages of results. */
export const MAX_SELECTED = 500;

/**
 * Applies one action to the learner's selected cards in one transaction: either every card
 * exists and all of them change, or a missing one is a 404 and nothing is written. Suspending
 * works as `setSuspended` does (the schedule kept, so unsuspending resumes it). Returns how many
 * cards changed; those already in the asked-for state count as done, not as an error.
 */
export function applyCardAction(db: Database, userId: number, cardIds: readonly string[], action: CardAction, now: number): number {
  const unique = [...new Set(cardIds)];
  return db.transaction(() => {
    const found = new Set(
      db.all<{ id: string }>('SELECT id FROM cards WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(unique)]).map((r) => r.id),
    );
    const missing = unique.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound(`Card ${missing} does not exist; nothing was changed.`);
    if (action === 'flag' || action === 'unflag') return writeFlags(db, userId, unique, action === 'flag', now);
    const suspended = action === 'suspend';
    let changed = 0;
    for (const cardId of unique) {
      const state = readCardState(db, userId, cardId);
      if (state.suspended === suspended) continue;
      writeCardState(db, userId, cardId, { ...state, suspended }, null);
      changed += 1;
    }
    return changed;
  });
}
