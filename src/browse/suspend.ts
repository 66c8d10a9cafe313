import type { Database } from '../db/database.js';
import { notFound } from '../errors/app-error.js';
import { readCardState, writeCardState } from '../review/card-state.js';

/**
 * Suspends or unsuspends a card for one learner. A card never seen gets its state row now, in the
 * new state (no due day) with the flag set, so the queue's `suspended = 0` test skips it; the
 * schedule itself is untouched, so unsuspending resumes exactly where the learner was.
 * Returns whether anything changed.
 */
export function setSuspended(db: Database, userId: number, cardId: string, suspended: boolean): boolean {
  return db.transaction(() => {
    const card = db.first<{ id: string }>('SELECT id FROM cards WHERE id = ?', [cardId]);
    if (!card) throw notFound('That card does not exist.');
    const state = readCardState(db, userId, cardId);
    if (state.suspended === suspended) return false;
    writeCardState(db, userId, cardId, { ...state, suspended }, null);
    return true;
  });
}
