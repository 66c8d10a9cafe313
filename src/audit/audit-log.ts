import type { Database } from '../db/database.js';

/** What an instructor did. Stored as text so old entries stay readable when actions are added. */
export type AuditAction =
  | 'class.created'
  | 'class.renamed'
  | 'class.content_changed'
  | 'join_code.rotated'
  | 'join_code.disabled'
  | 'join_code.enabled'
  | 'students.imported'
  | 'password.reset'
  | 'sandbox.ended';

export interface AuditEntry {
  id: number;
  at: number;
  actorId: number | null;
  actorName: string | null;
  classId: number | null;
  action: string;
  targetUserId: number | null;
  targetName: string | null;
  detail: string;
}

export interface NewAuditEntry {
  at: number;
  actorId: number;
  classId: number | null;
  action: AuditAction;
  targetUserId?: number | null;
  /** A sentence for people: "rotated the join code", "imported 12 students (3 already had accounts)". */
  detail: string;
}

interface AuditRow {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string | null;
  class_id: number | null;
  action: string;
  target_user_id: number | null;
  target_name: string | null;
  detail: string;
}

/**
 * Appends one entry. Callers record inside the same transaction as the change itself, so the log
 * never claims an action that was rolled back, nor misses one that happened.
 */
export function recordAudit(db: Database, entry: NewAuditEntry): void {
  db.run(
    `INSERT INTO audit_log (at, actor_id, class_id, action, target_user_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
    [entry.at, entry.actorId, entry.classId, entry.action, entry.targetUserId ?? null, entry.detail],
  );
}

/** The newest entries of one class first, with the names of who did it and to whom. */
export function auditForClass(db: Database, classId: number, limit = 200): AuditEntry[] {
  const rows = db.all<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, actor.display_name AS actor_name, a.class_id, a.action,
            a.target_user_id, target.display_name AS target_name, a.detail
       FROM audit_log a
       LEFT JOIN users actor ON actor.id = a.actor_id
       LEFT JOIN users target ON target.id = a.target_user_id
      WHERE a.class_id = ? ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    [classId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    classId: row.class_id,
    action: row.action,
    targetUserId: row.target_user_id,
    targetName: row.target_name,
    detail: row.detail,
  }));
}
