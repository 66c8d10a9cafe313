import { PASSING_QUALITY } from '../scheduler/sm2.js';
import type { Database } from '../db/database.js';
import { addDays, learnerDay, type Day } from '../scheduler/day.js';
import { learnerCardWhere } from '../drafts/learner-cards.js';

/** Answers in these windows; retention and quiz scores use the stats page's 30 days. */
export const RECENT_DAYS = 7;
export const SCORE_DAYS = 30;
/** Days of answers read in one go (the longest window above); a longer streak is followed day by day. */
const WINDOW_DAYS = SCORE_DAYS;

export interface Share {
  answers: number;
  passed: number;
  /** passed / answers, or null when there was nothing to judge by. */
  share: number | null;
}

/** One student's review figures as the dashboard shows them. */
export interface StudentStats {
  userId: number;
  today: Day;
  reviewsLast7Days: number;
  /** Answers ≥ 3 on cards past their first interval (reps_before ≥ 1), last 30 days. */
  retention: Share;
  /** Quiz answers ≥ 3, last 30 days. */
  quiz: Share;
  /** Cards due today, overdue ones included. */
  due: number;
  overdue: number;
  /** Days in a row with at least one answer, up to today (or yesterday, if today is still open). */
  streak: number;
}

export interface Learner {
  userId: number;
  timeZone: string;
}

interface DayRow {
  user_id: number;
  day: string;
  n: number;
  mature: number;
  mature_passed: number;
  quiz: number;
  quiz_passed: number;
}

const share = (answers: number, passed: number): Share => ({ answers, passed, share: answers === 0 ? null : passed / answers });

/**
 * Review figures for many students at once. Students are grouped by their "today" (one group
 * unless the class spans time zones) and each group is read with a handful of set queries over
 * the partial index review_log_live, instead of a query per student per figure.
 */
export function studentStats(
  db: Database,
  learners: readonly Learner[],
  now: Date,
  rolloverHour: number,
  /** The class's chosen top-level topics; due counts only count cards under them. Empty: all. */
  topics: readonly string[] = [],
): Map<number, StudentStats> {
  const groups = new Map<Day, number[]>();
  for (const learner of learners) {
    const today = learnerDay(now, learner.timeZone, rolloverHour);
    groups.set(today, [...(groups.get(today) ?? []), learner.userId]);
  }
  const result = new Map<number, StudentStats>();
  for (const [today, userIds] of groups) {
    for (const stats of statsForDay(db, userIds, today, topics)) result.set(stats.userId, stats);
  }
  return result;
}

function statsForDay(db: Database, userIds: number[], today: Day, topics: readonly string[]): StudentStats[] {
  const params = { ids: JSON.stringify(userIds), today, from: addDays(today, -WINDOW_DAYS), topics: JSON.stringify(topics) };
  const days = db.all<DayRow>(
    `SELECT user_id, day, count(*) AS n,
            sum(reps_before >= 1) AS mature, sum(reps_before >= 1 AND quality >= ${PASSING_QUALITY}) AS mature_passed,
            sum(kind = 'quiz') AS quiz, sum(kind = 'quiz' AND quality >= ${PASSING_QUALITY}) AS quiz_passed
       FROM review_log
      WHERE user_id IN (SELECT value FROM json_each(@ids)) AND day > @from AND day <= @today AND undone_at IS NULL
      GROUP BY user_id, day`,
    params,
  );
  const due = db.all<{ user_id: number; due: number; overdue: number }>(
    `SELECT cs.user_id, count(*) AS due, sum(cs.due_day < @today) AS overdue
       FROM card_states cs JOIN cards c ON c.id = cs.card_id
      WHERE cs.user_id IN (SELECT value FROM json_each(@ids)) AND cs.due_day <= @today
        AND cs.suspended = 0 AND ${learnerCardWhere('c', 'cs.user_id')}
        AND (json_array_length(@topics) = 0 OR EXISTS (SELECT 1 FROM json_each(@topics) t
              WHERE c.topic = t.value OR substr(c.topic, 1, length(t.value) + 3) = t.value || ' › '))
      GROUP BY cs.user_id`,
    params,
  );
  const dueBy = new Map(due.map((row) => [row.user_id, row]));
  const daysBy = new Map<number, DayRow[]>();
  for (const row of days) daysBy.set(row.user_id, [...(daysBy.get(row.user_id) ?? []), row]);

  const recentFrom = addDays(today, -RECENT_DAYS);
  const scoreFrom = addDays(today, -SCORE_DAYS);
  return userIds.map((userId) => {
    const rows = daysBy.get(userId) ?? [];
    let recent = 0;
    const totals = { mature: 0, maturePassed: 0, quiz: 0, quizPassed: 0 };
    for (const row of rows) {
      if (row.day > recentFrom) recent += row.n;
      if (row.day > scoreFrom) {
        totals.mature += row.mature;
        totals.maturePassed += row.mature_passed;
        totals.quiz += row.quiz;
        totals.quizPassed += row.quiz_passed;
      }
    }
    return {
      userId,
      today,
      reviewsLast7Days: recent,
      retention: share(totals.mature, totals.maturePassed),
      quiz: share(totals.quiz, totals.quizPassed),
      due: dueBy.get(userId)?.due ?? 0,
      overdue: dueBy.get(userId)?.overdue ?? 0,
      streak: streak(db, userId, today, new Set(rows.map((row) => row.day)), params.from),
    };
  });
}

/**
 * Counts active days back from today (or from yesterday: today is not lost until it ends). Days
 * inside the window come from the set; past its edge each further day is one index seek.
 */
function streak(db: Database, userId: number, today: Day, active: ReadonlySet<Day>, windowStart: Day): number {
  const answeredOn = (day: Day) =>
    day > windowStart
      ? active.has(day)
      : db.first('SELECT 1 FROM review_log WHERE user_id = ? AND day = ? AND undone_at IS NULL LIMIT 1', [userId, day]) !== undefined;
  let day = answeredOn(today) ? today : addDays(today, -1);
  let count = 0;
  while (answeredOn(day)) {
    count++;
    day = addDays(day, -1);
  }
  return count;
}
