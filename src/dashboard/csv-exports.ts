import type { CellState, MatrixCell } from './challenge-matrix.js';
import type { ClassDashboard } from './class-dashboard.js';
import { toCsv, type CsvValue } from './csv-write.js';

export const STATE_LABELS: Record<CellState, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  passed: 'passed',
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));

/** The matrix as on screen: a row per student, a column per challenge, each cell its state. */
export function matrixCsv(dashboard: ClassDashboard): string {
  const header: CsvValue[] = ['student', 'username', 'passed', ...dashboard.columns.map((c) => c.challengeId)];
  const rows = dashboard.rows.map((row): CsvValue[] => [
    row.student.displayName,
    row.student.username,
    row.passed,
    ...row.cells.map((cell) => STATE_LABELS[cell.state]),
  ]);
  return toCsv([header, ...rows]);
}

/** Every cell of the matrix with its details, one line per student and challenge (for pivots). */
export function attemptsCsv(dashboard: ClassDashboard): string {
  const header: CsvValue[] = ['student', 'username', 'challenge', 'due_day', 'status', 'attempts', 'hints_used', 'time_taken_s', 'passed_at', 'late'];
  const rows: CsvValue[][] = [];
  for (const row of dashboard.rows) {
    row.cells.forEach((cell: MatrixCell, i) => {
      const column = dashboard.columns[i];
      if (!column) return;
      rows.push([
        row.student.displayName,
        row.student.username,
        column.challengeId,
        column.dueDay,
        STATE_LABELS[cell.state],
        cell.attempts,
        cell.hintsUsed,
        seconds(cell.timeTakenMs),
        iso(cell.passedAt),
        cell.late ? 'yes' : 'no',
      ]);
    });
  }
  return toCsv([header, ...rows]);
}

/** Per-student review figures: a row per student. */
export function studentsCsv(dashboard: ClassDashboard): string {
  const header: CsvValue[] = [
    'student', 'username', 'email', 'reviews_last_7_days', 'retention_pct', 'retention_answers',
    'due', 'overdue', 'streak_days', 'quiz_pct', 'quiz_answers', 'challenges_passed',
  ];
  const rows = dashboard.rows.map(({ student, stats, passed }): CsvValue[] => [
    student.displayName,
    student.username,
    student.email,
    stats.reviewsLast7Days,
    percent(stats.retention.share),
    stats.retention.answers,
    stats.due,
    stats.overdue,
    stats.streak,
    percent(stats.quiz.share),
    stats.quiz.answers,
    passed,
  ]);
  return toCsv([header, ...rows]);
}
