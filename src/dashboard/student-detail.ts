import type { ClassRecord } from '../classes/class-service.js';
import type { RosterEntry } from '../classes/student-accounts.js';
import { addDays, type Day } from '../scheduler/day.js';
import { answersPerDay } from '../stats/stats-queries.js';
import { challengeMatrix, type MatrixCell } from './challenge-matrix.js';
import { dashboardColumns, type DashboardColumn, type DashboardSources } from './class-dashboard.js';
import type { LiveSandbox } from './live-sandboxes.js';
import { studentStats, type StudentStats } from './student-stats.js';

export const DETAIL_DAYS = 14;

export interface StudentDetail {
  student: RosterEntry;
  stats: StudentStats;
  challenges: { column: DashboardColumn; cell: MatrixCell }[];
  /** Answers on each of the last 14 days, oldest first, days without answers included. */
  days: { day: Day; answers: number }[];
  sandboxes: LiveSandbox[];
}

/** One student of a class in detail: the same figures as their dashboard row, and more history. */
export function studentDetail(sources: DashboardSources, cls: ClassRecord, student: RosterEntry, now: Date): StudentDetail {
  const columns = dashboardColumns(sources, cls.id);
  const stats = studentStats(sources.db, [student], now, sources.rolloverHour).get(student.userId) as StudentStats;
  const cells = challengeMatrix(sources.db, [student], columns, now, sources.rolloverHour).get(student.userId) ?? [];
  const from = addDays(stats.today, -(DETAIL_DAYS - 1));
  const perDay = answersPerDay(sources.db, student.userId, from, stats.today);
  return {
    student,
    stats,
    challenges: columns.flatMap((column, i) => {
      const cell = cells[i];
      return cell ? [{ column, cell }] : [];
    }),
    days: Array.from({ length: DETAIL_DAYS }, (_, i) => {
      const day = addDays(from, i);
      return { day, answers: perDay.get(day) ?? 0 };
    }),
    sandboxes: sources.sandboxes.list([student.userId]),
  };
}
