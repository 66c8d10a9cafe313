import type { Database } from '../db/database.js';
import { learnerCardWhere } from '../drafts/learner-cards.js';
import { addDays, type Day } from '../scheduler/day.js';

/**
 * "Bury until tomorrow": a learner puts a card out of today's session without touching its
 * schedule. This file owns `card_burials` (migration 021); the queue reads it through
 * `notBuriedWhere` and `buriedNewCount`.
 */

/**
 * The SQL condition "card `cardId` is not buried for `@userId` on `@today`": one probe of the
 * table's primary key, so the due walk stays a walk over its covering index.
 */
export function notBuriedWhere(cardId: string): string {
  return `NOT EXISTS (SELECT 1 FROM card_burials b WHERE b.user_id = @userId AND b.card_id = ${cardId} AND b.until_day > @today)`;
}

/**
 * How many cards the learner buried today that would otherwise be new today (theirs, never seen,
 * not suspended). The new-card count is a subtraction from every unseen card (src/review/queue.ts)
 * and subtracts these too; it walks the learner's burials only.
 */
export function buriedNewCount(db: Database, userId: number, today: Day): number {
  return (
    db.first<{ n: number }>(
      `SELECT count(*) AS n FROM card_burials b JOIN cards c ON c.id = b.card_id
        WHERE b.user_id = @userId AND b.until_day > @today AND ${learnerCardWhere('c')}
          AND NOT EXISTS (SELECT 1 FROM card_states s WHERE s.user_id = @userId AND s.card_id = b.card_id
                            AND (s.due_day IS NOT NULL OR s.suspended = 1))`,
      { userId, today },
    )?.n ?? 0
  );
}

/** Whether the card is buried for the learner today. */
export function isBuried(db: Database, userId: number, cardId: string, today: Day): boolean {
  return db.first('SELECT 1 FROM card_burials WHERE user_id = ? AND card_id = ? AND until_day > ?', [userId, cardId, today]) !== undefined;
}

/**
 * Buries a card until the learner's next day, in the caller's transaction; the learner's ended
 * burials go at the same time, so the table never holds more than a day's worth per learner.
 * Returns whether anything changed (a card already buried today stays as it is).
 */
export function buryCard(db: Database, userId: number, cardId: string, today: Day, now: number): boolean {
  db.run('DELETE FROM card_burials WHERE user_id = ? AND until_day <= ?', [userId, today]);
  const result = db.run(
    `INSERT INTO card_burials (user_id, card_id, until_day, buried_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, card_id) DO NOTHING`,
    [userId, cardId, addDays(today, 1), now],
  );
  return result.changes > 0;
}

/** Puts a buried card back in today's session. Returns whether it was buried. */
export function unburyCard(db: Database, userId: number, cardId: string, today: Day): boolean {
  return db.run('DELETE FROM card_burials WHERE user_id = ? AND card_id = ? AND until_day > ?', [userId, cardId, today]).changes > 0;
}
