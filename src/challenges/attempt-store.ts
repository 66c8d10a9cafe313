import type { Database } from '../db/database.js';
import type { SandboxRef } from '../sandbox/driver.js';

export type AttemptStatus = 'active' | 'passed' | 'gave_up' | 'ended';

/** One attempt at a challenge; its sandbox is live while `endedAt` is null. */
export interface Attempt {
  id: number;
  /** null is the local CLI learner (host mode without an account). */
  userId: number | null;
  challengeId: string;
  sandbox: SandboxRef;
  startedAt: number;
  endedAt: number | null;
  status: AttemptStatus;
  hintsUsed: number;
  checksRun: number;
  passedAt: number | null;
}

interface AttemptRow {
  id: number;
  user_id: number | null;
  challenge_id: string;
  sandbox: string;
  started_at: number;
  ended_at: number | null;
  status: AttemptStatus;
  hints_used: number;
  checks_run: number;
  passed_at: number | null;
}

function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    userId: row.user_id,
    challengeId: row.challenge_id,
    sandbox: JSON.parse(row.sandbox) as SandboxRef,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status,
    hintsUsed: row.hints_used,
    checksRun: row.checks_run,
    passedAt: row.passed_at,
  };
}

// `user_id IS ?` matches NULL to NULL, so the CLI learner and accounts share one query.
const LIVE = 'SELECT * FROM challenge_attempts WHERE user_id IS ? AND challenge_id = ? AND ended_at IS NULL';

/** The SQL of challenge attempts, and their rows as `Attempt` objects (the dashboard's matrix reads
 * its aggregate counts with its own query, see src/dashboard/challenge-matrix.ts). */
export class AttemptStore {
  constructor(private readonly db: Database) {}

  /** The attempt whose sandbox is still live, if any. */
  live(userId: number | null, challengeId: string): Attempt | undefined {
    const row = this.db.first<AttemptRow>(LIVE, [userId, challengeId]);
    return row ? toAttempt(row) : undefined;
  }

  /** Every attempt still holding a sandbox, oldest first (for reapers and reconciliation). */
  allLive(): Attempt[] {
    return this.db
      .all<AttemptRow>('SELECT * FROM challenge_attempts WHERE ended_at IS NULL ORDER BY started_at')
      .map(toAttempt);
  }

  /** The learner's latest attempt per challenge, for a list with statuses. */
  latestByChallenge(userId: number | null): Map<string, Attempt> {
    const rows = this.db.all<AttemptRow>(
      `SELECT * FROM challenge_attempts WHERE user_id IS ? ORDER BY started_at, id`,
      [userId],
    );
    return new Map(rows.map((row) => [row.challenge_id, toAttempt(row)]));
  }

  insert(userId: number | null, challengeId: string, sandbox: SandboxRef, now: number): Attempt {
    const result = this.db.run(
      `INSERT INTO challenge_attempts (user_id, challenge_id, driver, sandbox, started_at)
       VALUES (?, ?, ?, ?, ?)`,
      [userId, challengeId, sandbox.driver, JSON.stringify(sandbox), now],
    );
    const row = this.db.first<AttemptRow>('SELECT * FROM challenge_attempts WHERE id = ?', [result.lastInsertRowid]);
    if (!row) throw new Error('attempt vanished right after insert');
    return toAttempt(row);
  }

  /** Counts a check run; the first all-passing run marks the attempt passed. */
  /**
   * Counts a check; returns true when this check is the attempt's first pass. Decided inside one
   * statement's worth of synchronous work, so of two Checks racing only one is "first".
   */
  recordCheck(id: number, allPassed: boolean, now: number): boolean {
    const firstPass = allPassed
      ? this.db.run(`UPDATE challenge_attempts SET passed_at = ? WHERE id = ? AND passed_at IS NULL AND status = 'active'`, [now, id]).changes === 1
      : false;
    this.db.run(
      `UPDATE challenge_attempts SET checks_run = checks_run + 1,
         status = CASE WHEN ? AND status = 'active' THEN 'passed' ELSE status END,
         passed_at = CASE WHEN ? AND passed_at IS NULL THEN ? ELSE passed_at END
       WHERE id = ?`,
      [allPassed ? 1 : 0, allPassed ? 1 : 0, now, id],
    );
    return firstPass;
  }

  recordHint(id: number): void {
    this.db.run('UPDATE challenge_attempts SET hints_used = hints_used + 1 WHERE id = ?', [id]);
  }

  /** Giving up after passing changes nothing: the pass stands. True when this call gave up. */
  recordGiveUp(id: number): boolean {
    return this.db.run(`UPDATE challenge_attempts SET status = 'gave_up' WHERE id = ? AND status = 'active'`, [id]).changes === 1;
  }

  recordEnd(id: number, now: number): void {
    this.db.run(
      `UPDATE challenge_attempts SET ended_at = ?,
         status = CASE WHEN status = 'active' THEN 'ended' ELSE status END
       WHERE id = ?`,
      [now, id],
    );
  }

  byId(id: number): Attempt | undefined {
    const row = this.db.first<AttemptRow>('SELECT * FROM challenge_attempts WHERE id = ?', [id]);
    return row ? toAttempt(row) : undefined;
  }
}
