import type { Database } from '../db/database.js';
import { addDays, type Day } from '../scheduler/day.js';
import { INITIAL_SM2_STATE, sm2, type Quality } from '../scheduler/sm2.js';

export interface ChallengeSchedule {
  repetitions: number;
  /** EF in hundredths. */
  ease: number;
  interval: number;
  dueDay: Day | null;
}

interface Row {
  challenge_id: string;
  repetitions: number;
  easiness: number;
  interval_days: number;
  due_day: string | null;
}

/** Each challenge's SM-2 schedule for one learner (null: the CLI's local learner). */
export function challengeSchedules(db: Database, userId: number | null): Map<string, ChallengeSchedule> {
  const rows = db.all<Row>(
    'SELECT challenge_id, repetitions, easiness, interval_days, due_day FROM challenge_states WHERE user_id IS ?',
    [userId],
  );
  return new Map(
    rows.map((row) => [row.challenge_id, { repetitions: row.repetitions, ease: row.easiness, interval: row.interval_days, dueDay: row.due_day }]),
  );
}

/**
 * Schedules a challenge like a card: the attempt's quality (5 first try, 3–4 with help, 1 gave
 * up) goes through the same SM-2 function, and the challenge comes back on its due day.
 */
export function recordChallengeGrade(
  db: Database,
  input: { userId: number | null; challengeId: string; quality: Quality; today: Day; now: number },
): ChallengeSchedule {
  return db.transaction(() => {
    const current = challengeSchedules(db, input.userId).get(input.challengeId);
    const next = sm2(
      current
        ? { repetitions: current.repetitions, easiness: current.ease / 100, interval: current.interval }
        : INITIAL_SM2_STATE,
      input.quality,
    );
    const schedule = {
      repetitions: next.repetitions,
      ease: Math.round(next.easiness * 100),
      interval: next.interval,
      dueDay: addDays(input.today, next.interval),
    };
    const params = { ...schedule, userId: input.userId, challengeId: input.challengeId, now: input.now };
    // challenge_states' unique key is an expression (IFNULL(user_id, 0)), which ON CONFLICT cannot
    // name, so update first and insert when there was nothing to update.
    const updated = db.run(
      `UPDATE challenge_states SET repetitions = @repetitions, easiness = @ease, interval_days = @interval,
         due_day = @dueDay, last_graded_at = @now WHERE user_id IS @userId AND challenge_id = @challengeId`,
      params,
    ).changes;
    if (updated === 0) {
      db.run(
        `INSERT INTO challenge_states (user_id, challenge_id, repetitions, easiness, interval_days, due_day, last_graded_at)
         VALUES (@userId, @challengeId, @repetitions, @ease, @interval, @dueDay, @now)`,
        params,
      );
    }
    return schedule;
  });
}
