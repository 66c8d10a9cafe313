import type { Database } from '../db/database.js';
import { DEFAULT_DESIRED_RETENTION } from '../scheduler/fsrs.js';
import { SM2_SCHEDULER, type SchedulerChoice } from './schedule.js';

/** How a learner studies: their daily limits and when their day starts. */
export interface StudyOptions {
  newCardsPerDay: number;
  reviewsPerDay: number;
  /** Hour (0–23, in the learner's time zone) at which their day starts. */
  rolloverHour: number;
}

/** Bounds of each option, shared by the form's validation and the table's CHECKs (migration 018). */
export const STUDY_OPTION_BOUNDS = {
  newCardsPerDay: { min: 0, max: 9999 },
  reviewsPerDay: { min: 0, max: 9999 },
  rolloverHour: { min: 0, max: 23 },
} as const satisfies Record<keyof StudyOptions, { min: number; max: number }>;

interface Row {
  new_cards_per_day: number | null;
  reviews_per_day: number | null;
  rollover_hour: number | null;
}

/**
 * The learner's study options. An option they never set is the server's (`defaults`, from the
 * configuration), read at each call, so changing the server's setting moves those learners too.
 */
export function studyOptionsFor(db: Database, userId: number, defaults: StudyOptions): StudyOptions {
  const row = db.first<Row>('SELECT new_cards_per_day, reviews_per_day, rollover_hour FROM study_options WHERE user_id = ?', [userId]);
  return {
    newCardsPerDay: row?.new_cards_per_day ?? defaults.newCardsPerDay,
    reviewsPerDay: row?.reviews_per_day ?? defaults.reviewsPerDay,
    rolloverHour: row?.rollover_hour ?? defaults.rolloverHour,
  };
}

/** Saves the learner's own choice of every option. */
export function saveStudyOptions(db: Database, userId: number, options: StudyOptions): void {
  db.run(
    `INSERT INTO study_options (user_id, new_cards_per_day, reviews_per_day, rollover_hour)
     VALUES (@userId, @newCardsPerDay, @reviewsPerDay, @rolloverHour)
     ON CONFLICT (user_id) DO UPDATE SET new_cards_per_day = @newCardsPerDay, reviews_per_day = @reviewsPerDay,
       rollover_hour = @rolloverHour`,
    { userId, ...options },
  );
}

/** Bounds of FSRS's desired retention (the probability of recalling a card when it is due). */
export const DESIRED_RETENTION_BOUNDS = { min: 0.7, max: 0.99 } as const;

/** The learner's scheduler: SM-2 exactly unless they chose FSRS (with their desired retention). */
export function schedulerOf(db: Database, userId: number): SchedulerChoice {
  const row = db.first<{ scheduler: string | null; desired_retention: number | null }>(
    'SELECT scheduler, desired_retention FROM study_options WHERE user_id = ?',
    [userId],
  );
  if (row?.scheduler !== 'fsrs') return SM2_SCHEDULER;
  return { kind: 'fsrs', desiredRetention: row.desired_retention ?? DEFAULT_DESIRED_RETENTION };
}

/** The learner's retention setting, shown on the Account page even while they use SM-2. */
export function desiredRetentionOf(db: Database, userId: number): number {
  return db.first<{ r: number | null }>('SELECT desired_retention AS r FROM study_options WHERE user_id = ?', [userId])?.r ?? DEFAULT_DESIRED_RETENTION;
}

/** Saves the learner's scheduler and desired retention; their limits stay as they were. */
export function saveScheduler(db: Database, userId: number, scheduler: SchedulerChoice['kind'], desiredRetention: number): void {
  db.run(
    `INSERT INTO study_options (user_id, scheduler, desired_retention) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET scheduler = excluded.scheduler, desired_retention = excluded.desired_retention`,
    [userId, scheduler, desiredRetention],
  );
}
