import type { Database } from '../db/database.js';

/**
 * A learner's flags: one per card, kept as a row in `card_flags` (migration 017). This file owns
 * the table; the search reads it through `flaggedWhere`.
 */

/** The SQL condition "the learner `@userId` flagged card `cardId`" (two-valued, never NULL). */
export function flaggedWhere(cardId = 'c.id'): string {
  return `EXISTS (SELECT 1 FROM card_flags f WHERE f.user_id = @userId AND f.card_id = ${cardId})`;
}

/** Whether the learner flagged the card. */
export function isFlagged(db: Database, userId: number, cardId: string): boolean {
  return db.first('SELECT 1 FROM card_flags WHERE user_id = ? AND card_id = ?', [userId, cardId]) !== undefined;
}

/**
 * Flags or unflags cards for one learner, in the caller's transaction. Cards already in that
 * state are left as they are (a re-flag keeps the first time). Returns how many changed.
 */
export function writeFlags(db: Database, userId: number, cardIds: readonly string[], flagged: boolean, now: number): number {
  let changed = 0;
  for (const cardId of cardIds) {
    const result = flagged
      ? db.run('INSERT INTO card_flags (user_id, card_id, flagged_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [userId, cardId, now])
      : db.run('DELETE FROM card_flags WHERE user_id = ? AND card_id = ?', [userId, cardId]);
    changed += result.changes;
  }
  return changed;
}
