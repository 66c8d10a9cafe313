import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';
import type { FsrsMemory } from '../scheduler/fsrs.js';

/** One learner's SM-2 state for one card (and FSRS's memory of it), as the rest of the code sees it. */
export interface CardState {
  repetitions: number;
  /** EF in exact hundredths (250 = 2.5). */
  ease: number;
  interval: number;
  dueDay: Day | null;
  introducedDay: Day | null;
  drillDay: Day | null;
  suspended: boolean;
  /** FSRS's memory, kept beside SM-2's n and EF whichever scheduler sets the due day (migration 022). */
  fsrs: FsrsMemory | null;
}

export const NEW_CARD_STATE: CardState = Object.freeze({
  repetitions: 0,
  ease: 250,
  interval: 0,
  dueDay: null,
  introducedDay: null,
  drillDay: null,
  suspended: false,
  fsrs: null,
});

interface Row {
  repetitions: number;
  easiness: number;
  interval_days: number;
  due_day: string | null;
  introduced_day: string | null;
  drill_day: string | null;
  suspended: number;
  fsrs_stability: number | null;
  fsrs_difficulty: number | null;
  fsrs_last_review: string | null;
}

/** FSRS memory from its three columns (card_states, or a review-log row's "before"); null unless all are set. */
export function fsrsMemoryOf(stability: number | null, difficulty: number | null, lastReviewDay: string | null): FsrsMemory | null {
  return stability === null || difficulty === null || lastReviewDay === null ? null : { stability, difficulty, lastReviewDay };
}

/** Reads a learner's state for a card; a card never seen is in the new state. */
export function readCardState(db: Database, userId: number, cardId: string): CardState {
  const row = db.first<Row>(
    `SELECT repetitions, easiness, interval_days, due_day, introduced_day, drill_day, suspended,
            fsrs_stability, fsrs_difficulty, fsrs_last_review
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
    fsrs: fsrsMemoryOf(row.fsrs_stability, row.fsrs_difficulty, row.fsrs_last_review),
  };
}

/** Writes (inserts or replaces) a learner's state for a card. */
export function writeCardState(db: Database, userId: number, cardId: string, state: CardState, answeredAt: number | null): void {
  db.run(
    `INSERT INTO card_states (user_id, card_id, repetitions, easiness, interval_days, due_day, introduced_day,
                              drill_day, suspended, last_answered_at, fsrs_stability, fsrs_difficulty, fsrs_last_review)
     VALUES (@userId, @cardId, @repetitions, @ease, @interval, @dueDay, @introducedDay, @drillDay, @suspended, @answeredAt,
             @fsrsStability, @fsrsDifficulty, @fsrsLastReview)
     ON CONFLICT (user_id, card_id) DO UPDATE SET repetitions = @repetitions, easiness = @ease,
       interval_days = @interval, due_day = @dueDay, introduced_day = @introducedDay, drill_day = @drillDay,
       suspended = @suspended, last_answered_at = coalesce(@answeredAt, last_answered_at),
       fsrs_stability = @fsrsStability, fsrs_difficulty = @fsrsDifficulty, fsrs_last_review = @fsrsLastReview`,
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
      fsrsStability: state.fsrs?.stability ?? null,
      fsrsDifficulty: state.fsrs?.difficulty ?? null,
      fsrsLastReview: state.fsrs?.lastReviewDay ?? null,
    },
  );
}
