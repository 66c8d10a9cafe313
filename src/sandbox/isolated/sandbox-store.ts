import type { Database } from '../../db/database.js';

export type SandboxStatus = 'starting' | 'warm' | 'ready' | 'ended' | 'lost' | 'failed';

/** One row of `sandboxes`, in camelCase. */
export interface SandboxRecord {
  id: string;
  userId: number | null;
  containerId: string | null;
  networkId: string | null;
  address: string | null;
  status: SandboxStatus;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
  endedAt: number | null;
  endReason: string | null;
}

interface SandboxRow {
  id: string;
  user_id: number | null;
  container_id: string | null;
  network_id: string | null;
  address: string | null;
  status: SandboxStatus;
  created_at: number;
  last_active_at: number;
  expires_at: number;
  ended_at: number | null;
  end_reason: string | null;
}

function toRecord(row: SandboxRow): SandboxRecord {
  return {
    id: row.id,
    userId: row.user_id,
    containerId: row.container_id,
    networkId: row.network_id,
    address: row.address,
    status: row.status,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}

const LIVE = 'ended_at IS NULL';

/** The `sandboxes` table: every SQL statement about sandboxes lives here. */
export class SandboxStore {
  constructor(private readonly db: Database) {}

  insert(input: { id: string; userId: number | null; status: SandboxStatus; now: number; expiresAt: number }): void {
    this.db.run(
      `INSERT INTO sandboxes (id, user_id, status, created_at, last_active_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [input.id, input.userId, input.status, input.now, input.now, input.expiresAt],
    );
  }

  byId(id: string): SandboxRecord | undefined {
    const row = this.db.first<SandboxRow>('SELECT * FROM sandboxes WHERE id = ?', [id]);
    return row && toRecord(row);
  }

  liveFor(userId: number): SandboxRecord | undefined {
    const row = this.db.first<SandboxRow>(`SELECT * FROM sandboxes WHERE user_id = ? AND ${LIVE}`, [userId]);
    return row && toRecord(row);
  }

  /** Every sandbox not yet ended, warm ones included, oldest first. */
  live(): SandboxRecord[] {
    return this.db.all<SandboxRow>(`SELECT * FROM sandboxes WHERE ${LIVE} ORDER BY created_at, id`).map(toRecord);
  }

  countLive(): number {
    return this.db.first<{ n: number }>(`SELECT count(*) AS n FROM sandboxes WHERE ${LIVE}`)?.n ?? 0;
  }

  countWarm(): number {
    return this.db.first<{ n: number }>(`SELECT count(*) AS n FROM sandboxes WHERE ${LIVE} AND status = 'warm'`)?.n ?? 0;
  }

  /** Sandboxes this learner was given since `since` (a claimed warm one's created_at is its hand-out). */
  countStartedSince(userId: number, since: number): number {
    return (
      this.db.first<{ n: number }>('SELECT count(*) AS n FROM sandboxes WHERE user_id = ? AND created_at >= ?', [userId, since])?.n ?? 0
    );
  }

  markCreated(id: string, fields: { containerId: string; networkId: string; address: string }): void {
    this.db.run('UPDATE sandboxes SET container_id = ?, network_id = ?, address = ? WHERE id = ?', [
      fields.containerId,
      fields.networkId,
      fields.address,
      id,
    ]);
  }

  setNetwork(id: string, networkId: string): void {
    this.db.run('UPDATE sandboxes SET network_id = ? WHERE id = ?', [networkId, id]);
  }

  setStatus(id: string, status: SandboxStatus): void {
    this.db.run(`UPDATE sandboxes SET status = ? WHERE id = ? AND ${LIVE}`, [status, id]);
  }

  /**
   * Gives one ready warm sandbox to a learner, atomically, so two learners never share one.
   * The time to live starts at the hand-out. Returns undefined when none is warm.
   */
  claimWarm(userId: number, now: number, expiresAt: number): SandboxRecord | undefined {
    return this.db.transaction(() => {
      const row = this.db.first<{ id: string }>(`SELECT id FROM sandboxes WHERE status = 'warm' AND ${LIVE} ORDER BY created_at LIMIT 1`);
      if (!row) return undefined;
      this.db.run(
        `UPDATE sandboxes SET user_id = ?, status = 'ready', created_at = ?, last_active_at = ?, expires_at = ? WHERE id = ?`,
        [userId, now, now, expiresAt, row.id],
      );
      return this.byId(row.id);
    });
  }

  touch(id: string, now: number): void {
    this.db.run(`UPDATE sandboxes SET last_active_at = max(last_active_at, ?) WHERE id = ? AND ${LIVE}`, [now, id]);
  }

  /** Ends a live sandbox; returns false when it had already ended. */
  end(id: string, status: 'ended' | 'lost' | 'failed', reason: string, now: number): boolean {
    return (
      this.db.run(`UPDATE sandboxes SET status = ?, end_reason = ?, ended_at = ? WHERE id = ? AND ${LIVE}`, [status, reason, now, id])
        .changes > 0
    );
  }

  /** Live sandboxes past their time to live, or handed out and idle since `idleBefore`. */
  expired(now: number, idleBefore: number): (SandboxRecord & { why: 'expired' | 'idle' })[] {
    return this.db
      .all<SandboxRow>(
        `SELECT * FROM sandboxes WHERE ${LIVE} AND status <> 'starting'
           AND (expires_at <= ? OR (user_id IS NOT NULL AND last_active_at <= ?))`,
        [now, idleBefore],
      )
      .map((row) => ({ ...toRecord(row), why: row.expires_at <= now ? ('expired' as const) : ('idle' as const) }));
  }
}
