import type { Database } from '../db/database.js';
import { addDays, type Day } from '../scheduler/day.js';

/** What the learner asked for beyond their daily limits, for one day. */
export interface StudyMore {
  /** New cards on top of the day's new-card limit. */
  extraNew: number;
  /** Whether cards due tomorrow join today's session. */
  reviewAhead: boolean;
}

/** The most extra new cards one request grants. */
export const MAX_EXTRA_NEW = 999;

/** What the learner asked for on `day` (nothing, on a day they did not). */
export function studyMoreOn(db: Database, userId: number, day: Day): StudyMore {
  const row = db.first<{ extra_new: number; review_ahead: number }>(
    'SELECT extra_new, review_ahead FROM study_more WHERE user_id = ? AND day = ?',
    [userId, day],
  );
  return { extraNew: row?.extra_new ?? 0, reviewAhead: row?.review_ahead === 1 };
}

/** Grants `count` more new cards on `day`; asking again adds to what was granted. */
export function grantExtraNewCards(db: Database, userId: number, day: Day, count: number): void {
  db.run(
    `INSERT INTO study_more (user_id, day, extra_new) VALUES (?, ?, ?)
     ON CONFLICT (user_id, day) DO UPDATE SET extra_new = extra_new + excluded.extra_new`,
    [userId, day, count],
  );
}

/** Brings the cards due the day after `day` into that day's session. */
export function startReviewAhead(db: Database, userId: number, day: Day): void {
  db.run(
    `INSERT INTO study_more (user_id, day, review_ahead) VALUES (?, ?, 1)
     ON CONFLICT (user_id, day) DO UPDATE SET review_ahead = 1`,
    [userId, day],
  );
}

/** The last due day a session on `day` reaches: tomorrow while reviewing ahead, else today. */
export function dueThrough(day: Day, more: StudyMore): Day {
  return more.reviewAhead ? addDays(day, 1) : day;
}
