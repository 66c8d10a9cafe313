import { recordAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';
import { newJoinCode } from './join-code.js';

export interface ClassRecord {
  id: number;
  instructorId: number;
  name: string;
  joinCode: string;
  joinEnabled: boolean;
  createdAt: number;
}

export interface ClassSummary extends ClassRecord {
  students: number;
}

/** A challenge chosen for a class, in dashboard column order. */
export interface ClassChallenge {
  challengeId: string;
  dueDay: Day | null;
}

/** What a class works on. An empty topic list means every topic. */
export interface ClassContent {
  topics: string[];
  challenges: ClassChallenge[];
}

interface ClassRow {
  id: number;
  instructor_id: number;
  name: string;
  join_code: string;
  join_enabled: number;
  created_at: number;
}

const COLUMNS = 'id, instructor_id, name, join_code, join_enabled, created_at';

function toClass(row: ClassRow): ClassRecord {
  return {
    id: row.id,
    instructorId: row.instructor_id,
    name: row.name,
    joinCode: row.join_code,
    joinEnabled: row.join_enabled === 1,
    createdAt: row.created_at,
  };
}

/** Who changed a class and when, for the audit log. */
export interface Actor {
  userId: number;
  now: number;
}

/** Classes, their join codes and what they work on. Every change is audited in its transaction. */
export class ClassService {
  constructor(private readonly db: Database) {}

  byId(id: number): ClassRecord | undefined {
    const row = this.db.first<ClassRow>(`SELECT ${COLUMNS} FROM classes WHERE id = ?`, [id]);
    return row && toClass(row);
  }

  /** The class a typed code opens, enabled or not (the join page says which). */
  byJoinCode(code: string): ClassRecord | undefined {
    const row = this.db.first<ClassRow>(`SELECT ${COLUMNS} FROM classes WHERE join_code = ?`, [code]);
    return row && toClass(row);
  }

  /** An instructor's classes with their sizes, newest first. */
  listFor(instructorId: number): ClassSummary[] {
    const rows = this.db.all<ClassRow & { students: number }>(
      `SELECT ${COLUMNS}, (SELECT count(*) FROM class_members m WHERE m.class_id = classes.id) AS students
         FROM classes WHERE instructor_id = ? ORDER BY created_at DESC, id DESC`,
      [instructorId],
    );
    return rows.map((row) => ({ ...toClass(row), students: row.students }));
  }

  create(name: string, actor: Actor): ClassRecord {
    const id = this.db.transaction(() => {
      const classId = this.db.run(
        `INSERT INTO classes (instructor_id, name, join_code, join_enabled, created_at) VALUES (?, ?, ?, 1, ?)`,
        [actor.userId, name, this.unusedCode(), actor.now],
      ).lastInsertRowid;
      recordAudit(this.db, { at: actor.now, actorId: actor.userId, classId, action: 'class.created', detail: `created the class "${name}"` });
      return classId;
    });
    return this.byId(id) as ClassRecord;
  }

  rename(classId: number, name: string, actor: Actor): void {
    this.db.transaction(() => {
      const before = this.byId(classId);
      if (!before || before.name === name) return;
      this.db.run('UPDATE classes SET name = ? WHERE id = ?', [name, classId]);
      recordAudit(this.db, { at: actor.now, actorId: actor.userId, classId, action: 'class.renamed', detail: `renamed the class from "${before.name}" to "${name}"` });
    });
  }

  /** A new code replaces the old one at once: anyone holding the old code can no longer join. */
  rotateCode(classId: number, actor: Actor): string {
    return this.db.transaction(() => {
      const code = this.unusedCode();
      this.db.run('UPDATE classes SET join_code = ? WHERE id = ?', [code, classId]);
      recordAudit(this.db, { at: actor.now, actorId: actor.userId, classId, action: 'join_code.rotated', detail: `rotated the join code to ${code}` });
      return code;
    });
  }

  setJoinEnabled(classId: number, enabled: boolean, actor: Actor): void {
    this.db.transaction(() => {
      this.db.run('UPDATE classes SET join_enabled = ? WHERE id = ?', [enabled ? 1 : 0, classId]);
      recordAudit(this.db, {
        at: actor.now,
        actorId: actor.userId,
        classId,
        action: enabled ? 'join_code.enabled' : 'join_code.disabled',
        detail: enabled ? 'enabled joining with the code' : 'disabled joining with the code',
      });
    });
  }

  isMember(classId: number, userId: number): boolean {
    return this.db.first('SELECT 1 FROM class_members WHERE class_id = ? AND user_id = ?', [classId, userId]) !== undefined;
  }

  /** Adds a member; joining twice is not an error, the first joining time is kept. */
  addMember(classId: number, userId: number, now: number): void {
    this.db.run('INSERT OR IGNORE INTO class_members (class_id, user_id, joined_at) VALUES (?, ?, ?)', [classId, userId, now]);
  }

  content(classId: number): ClassContent {
    const topics = this.db.all<{ topic: string }>('SELECT topic FROM class_topics WHERE class_id = ? ORDER BY topic', [classId]);
    const challenges = this.db.all<{ challenge_id: string; due_day: string | null }>(
      'SELECT challenge_id, due_day FROM class_challenges WHERE class_id = ? ORDER BY position, challenge_id',
      [classId],
    );
    return {
      topics: topics.map((row) => row.topic),
      challenges: challenges.map((row) => ({ challengeId: row.challenge_id, dueDay: row.due_day })),
    };
  }

  /** Replaces what the class works on; the audit entry says what was added and removed. */
  setContent(classId: number, next: ClassContent, actor: Actor): void {
    this.db.transaction(() => {
      const before = this.content(classId);
      this.db.run('DELETE FROM class_topics WHERE class_id = ?', [classId]);
      this.db.run('DELETE FROM class_challenges WHERE class_id = ?', [classId]);
      for (const topic of new Set(next.topics)) {
        this.db.run('INSERT INTO class_topics (class_id, topic) VALUES (?, ?)', [classId, topic]);
      }
      next.challenges.forEach((challenge, position) => {
        this.db.run(
          'INSERT OR IGNORE INTO class_challenges (class_id, challenge_id, due_day, position) VALUES (?, ?, ?, ?)',
          [classId, challenge.challengeId, challenge.dueDay, position],
        );
      });
      const detail = describeContentChange(before, this.content(classId));
      if (detail) recordAudit(this.db, { at: actor.now, actorId: actor.userId, classId, action: 'class.content_changed', detail });
    });
  }

  private unusedCode(): string {
    // 40 bits make a clash unlikely; looping keeps the UNIQUE constraint from ever surfacing.
    for (;;) {
      const code = newJoinCode();
      if (!this.byJoinCode(code)) return code;
    }
  }
}

/** "topics: +Kubernetes −Networking; challenges: +publish-port (due 2026-04-01)", or '' if nothing changed. */
export function describeContentChange(before: ClassContent, after: ClassContent): string {
  const parts: string[] = [];
  const diff = (a: string[], b: string[]) => [
    ...b.filter((x) => !a.includes(x)).map((x) => `+${x}`),
    ...a.filter((x) => !b.includes(x)).map((x) => `−${x}`),
  ];
  const topics = diff(before.topics, after.topics);
  if (topics.length > 0) parts.push(`topics: ${topics.join(' ')}`);
  const label = (c: ClassChallenge) => (c.dueDay ? `${c.challengeId} (due ${c.dueDay})` : c.challengeId);
  const challenges = diff(before.challenges.map(label), after.challenges.map(label));
  if (challenges.length > 0) parts.push(`challenges: ${challenges.join(' ')}`);
  return parts.length > 0 ? `changed the class content: ${parts.join('; ')}` : '';
}
