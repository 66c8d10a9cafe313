import { PASSING_QUALITY } from '../scheduler/sm2.js';
import type { Database } from '../db/database.js';
import { addDays, type Day } from '../scheduler/day.js';
import { learnerCardWhere } from '../drafts/learner-cards.js';

/** Days in the retention window and in the due forecast. */
export const RETENTION_DAYS = 30;
export const FORECAST_DAYS = 30;

// Every query below is scoped by user_id, and every count of answers skips undone ones
// (`undone_at IS NULL`): an undone answer is kept for history but did not happen for the learner.

/** Live answers per learner day from `from` to `to` inclusive; days without answers are absent. */
export function answersPerDay(db: Database, userId: number, from: Day, to: Day): Map<Day, number> {
  const rows = db.all<{ day: string; n: number }>(
    `SELECT day, count(*) AS n FROM review_log
      WHERE user_id = ? AND day >= ? AND day <= ? AND undone_at IS NULL GROUP BY day`,
    [userId, from, to],
  );
  return new Map(rows.map((row) => [row.day, row.n]));
}

/**
 * Cards falling due on each of the `days` days from today: index 0 is today and also holds every
 * overdue card, since those are what the learner faces when they next open the review. New cards
 * (no due day yet), suspended and retired cards are not coming up, so they are left out.
 */
export function dueForecast(db: Database, userId: number, today: Day, days = FORECAST_DAYS): number[] {
  const rows = db.all<{ day: string; n: number }>(
    `SELECT max(cs.due_day, @today) AS day, count(*) AS n
       FROM card_states cs JOIN cards c ON c.id = cs.card_id
      WHERE cs.user_id = @userId AND cs.due_day IS NOT NULL AND cs.due_day <= @last
        AND cs.suspended = 0 AND ${learnerCardWhere('c')}
      GROUP BY 1`,
    { userId, today, last: addDays(today, days - 1) },
  );
  const byDay = new Map(rows.map((row) => [row.day, row.n]));
  return Array.from({ length: days }, (_, i) => byDay.get(addDays(today, i)) ?? 0);
}

export interface Retention {
  answers: number;
  passed: number;
  /** passed / answers, or null when there were no answers to judge by. */
  share: number | null;
}

/**
 * Retention over the last `days` learner days up to today: the share of live answers graded 3 or
 * more. Same-day drills count too: each is a real recall attempt, as the issue defines it.
 */
export function retention(db: Database, userId: number, today: Day, days = RETENTION_DAYS): Retention {
  const row = db.first<{ answers: number; passed: number | null }>(
    `SELECT count(*) AS answers, sum(quality >= @passing) AS passed FROM review_log
      WHERE user_id = @userId AND day > @from AND day <= @today AND undone_at IS NULL`,
    { userId, today, from: addDays(today, -days), passing: PASSING_QUALITY },
  );
  const answers = row?.answers ?? 0;
  const passed = row?.passed ?? 0;
  return { answers, passed, share: answers === 0 ? null : passed / answers };
}

export interface StatsTotals {
  answers: number;
  /** Cards the learner has been introduced to (they have a due day), suspended or not. */
  cardsLearned: number;
  /** Mean time per live answer, or null before the first answer. */
  averageMs: number | null;
}

/** All-time totals for the learner. */
export function statsTotals(db: Database, userId: number): StatsTotals {
  const log = db.first<{ answers: number; average: number | null }>(
    `SELECT count(*) AS answers, avg(duration_ms) AS average FROM review_log
      WHERE user_id = ? AND undone_at IS NULL`,
    [userId],
  );
  const learned = db.first<{ n: number }>(
    `SELECT count(*) AS n FROM card_states WHERE user_id = ? AND due_day IS NOT NULL`,
    [userId],
  );
  return { answers: log?.answers ?? 0, cardsLearned: learned?.n ?? 0, averageMs: log?.average ?? null };
}
