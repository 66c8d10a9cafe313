import type { Database } from '../db/database.js';
import { learnerDay, type Day } from '../scheduler/day.js';
import type { Learner } from './student-stats.js';

export type CellState = 'not_started' | 'in_progress' | 'passed';

/** One student's progress on one challenge. */
export interface MatrixCell {
  state: CellState;
  attempts: number;
  /** Hints over all attempts. */
  hintsUsed: number;
  /** From the start to the pass of the first passing attempt. */
  timeTakenMs: number | null;
  passedAt: number | null;
  /** A sandbox for it is running now. */
  active: boolean;
  /** Passed after its due day, or not passed and the due day is over. */
  late: boolean;
}

/** A column of the matrix. */
export interface MatrixColumn {
  challengeId: string;
  dueDay: Day | null;
}

interface AttemptRow {
  user_id: number;
  challenge_id: string;
  status: 'active' | 'passed' | 'gave_up' | 'ended';
  hints_used: number;
  started_at: number;
  passed_at: number | null;
}

const EMPTY: MatrixCell = { state: 'not_started', attempts: 0, hintsUsed: 0, timeTakenMs: null, passedAt: null, active: false, late: false };

/**
 * The students × challenges matrix: `cells.get(userId)[i]` is the cell of column i. One query
 * reads every attempt of these students on these challenges (index challenge_attempts_user);
 * attempts are few per cell, so folding them here is clearer than a wide SQL aggregate.
 */
export function challengeMatrix(
  db: Database,
  learners: readonly Learner[],
  columns: readonly MatrixColumn[],
  now: Date,
  rolloverHour: number,
): Map<number, MatrixCell[]> {
  const rows = db.all<AttemptRow>(
    `SELECT user_id, challenge_id, status, hints_used, started_at, passed_at FROM challenge_attempts
      WHERE user_id IN (SELECT value FROM json_each(?)) AND challenge_id IN (SELECT value FROM json_each(?))
      ORDER BY started_at, id`,
    [JSON.stringify(learners.map((l) => l.userId)), JSON.stringify(columns.map((c) => c.challengeId))],
  );
  const index = new Map(columns.map((column, i) => [column.challengeId, i]));
  const cells = new Map<number, MatrixCell[]>(learners.map((l) => [l.userId, columns.map(() => ({ ...EMPTY }))]));
  for (const row of rows) {
    const i = index.get(row.challenge_id);
    const cell = i === undefined ? undefined : cells.get(row.user_id)?.[i];
    if (!cell) continue;
    cell.attempts++;
    cell.hintsUsed += row.hints_used;
    if (row.status === 'active') cell.active = true;
    if (row.status === 'passed' && row.passed_at !== null && cell.passedAt === null) {
      cell.passedAt = row.passed_at;
      cell.timeTakenMs = row.passed_at - row.started_at;
    }
    cell.state = cell.passedAt !== null ? 'passed' : 'in_progress';
  }
  for (const learner of learners) {
    const today = learnerDay(now, learner.timeZone, rolloverHour);
    cells.get(learner.userId)?.forEach((cell, i) => {
      const due = columns[i]?.dueDay;
      if (!due) return;
      // The due day is read in the student's own calendar, like their review days.
      cell.late = cell.passedAt !== null ? learnerDay(new Date(cell.passedAt), learner.timeZone, rolloverHour) > due : today > due;
    });
  }
  return cells;
}
