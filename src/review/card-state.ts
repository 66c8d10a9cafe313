import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';

/** One learner's SM-2 state for one card, as the rest of the code sees it. */
export interface CardState {
  repetitions: number;
  /** EF in exact hundredths (250 = 2.5). */
  ease: number;
  interval: number;
  dueDay: Day | null;
  introducedDay: Day | null;
  drillDay: Day | null;
  suspended: boolean;
}

export const NEW_CARD_STATE: CardState = Object.freeze({
  repetitions: 0,
  ease: 250,
  interval: 0,
  dueDay: null,
  introducedDay: null,
  drillDay: null,
  suspended: false,
});

interface Row {
  repetitions: number;
  easiness: number;
  interval_days: number;
  due_day: string | null;
  introduced_day: string | null;
  drill_day: string | null;
  suspended: number;
}

/** Reads a learner's state for a card; a card never seen is in the new state. */
export function readCardState(db: Database, userId: number, cardId: string): CardState {
  const row = db.first<Row>(
    `SELECT repetitions, easiness, interval_days, due_day, introduced_day, drill_day, suspended
       FROM card_states WHERE user_id = ? AND card_id = ?`,
    [userId, cardId],
  );
  if (!row) return NEW_CARD_STATE;
  return {
    repetitions: row.repetitions,
    ease: row.easiness,
    interval: row.interval_days,
    dueDay: row.due_day,
    introducedDay: row.introduced_day,
    drillDay: row.drill_day,
    suspended: row.suspended === 1,
  };
}

/** Writes (inserts or replaces) a learner's state for a card. */
export function writeCardState(db: Database, userId: number, cardId: string, state: CardState, answeredAt: number | null): void {
  db.run(
    `INSERT INTO card_states (user_id, card_id, repetitions, easiness, interval_days, due_day, introduced_day,
                              drill_day, suspended, last_answered_at)
     VALUES (@userId, @cardId, @repetitions, @ease, @interval, @dueDay, @introducedDay, @drillDay, @suspended, @answeredAt)
     ON CONFLICT (user_id, card_id) DO UPDATE SET repetitions = @repetitions, easiness = @ease,
       interval_days = @interval, due_day = @dueDay, introduced_day = @introducedDay, drill_day = @drillDay,
       suspended = @suspended, last_answered_at = coalesce(@answeredAt, last_answered_at)`,
    {
      userId,
      cardId,
      repetitions: state.repetitions,
      ease: state.ease,
      interval: state.interval,
      dueDay: state.dueDay,
      introducedDay: state.introducedDay,
      drillDay: state.drillDay,
      suspended: state.suspended ? 1 : 0,
      answeredAt,
    },
  );
}
