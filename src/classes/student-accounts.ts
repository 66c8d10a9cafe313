import { hashPassword } from '../accounts/passwords.js';
import { UserService, UsernameTakenError } from '../accounts/users.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import type { Actor } from './class-service.js';
import { newOneTimePassword } from './one-time-password.js';

/** A member of a class as the roster and the dashboard list them. */
export interface RosterEntry {
  userId: number;
  username: string;
  displayName: string;
  email: string | null;
  timeZone: string;
  joinedAt: number;
  mustChangePassword: boolean;
}

export interface NewStudent {
  username: string;
  displayName: string;
  email: string | null;
  password: string;
  timeZone: string;
  /** True for a one-time password the student must replace at first sign-in. */
  oneTime: boolean;
}

interface RosterRow {
  user_id: number;
  username: string;
  display_name: string;
  email: string | null;
  time_zone: string;
  joined_at: number;
  must_change_password: number;
}

const ROSTER_SELECT = `SELECT u.id AS user_id, u.username, u.display_name, u.email, u.time_zone, m.joined_at,
         u.must_change_password
    FROM class_members m JOIN users u ON u.id = m.user_id`;

function toEntry(row: RosterRow): RosterEntry {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    timeZone: row.time_zone,
    joinedAt: row.joined_at,
    mustChangePassword: row.must_change_password === 1,
  };
}

/**
 * Student accounts as a class sees them. The users table belongs to UserService; the columns
 * this migration added (email, must_change_password) and creating many accounts in one
 * transaction are what lives here, because UserService.create hashes inside and cannot take part
 * in an all-or-nothing import.
 */
export class StudentAccounts {
  private readonly users: UserService;

  constructor(private readonly db: Database) {
    this.users = new UserService(db);
  }

  /** The class's students, by display name. */
  roster(classId: number): RosterEntry[] {
    return this.db
      .all<RosterRow>(`${ROSTER_SELECT} WHERE m.class_id = ? ORDER BY u.display_name COLLATE NOCASE, u.id`, [classId])
      .map(toEntry);
  }

  /** One student of the class, or undefined when they are not in it. */
  member(classId: number, userId: number): RosterEntry | undefined {
    const row = this.db.first<RosterRow>(`${ROSTER_SELECT} WHERE m.class_id = ? AND m.user_id = ?`, [classId, userId]);
    return row && toEntry(row);
  }

  usernameTaken(username: string): boolean {
    return this.db.first('SELECT 1 FROM users WHERE username = ?', [username]) !== undefined;
  }

  /** The account registered with this address, if any. */
  byEmail(email: string): { userId: number; username: string; role: string } | undefined {
    const row = this.db.first<{ id: number; username: string; role: string }>('SELECT id, username, role FROM users WHERE email = ?', [email]);
    return row && { userId: row.id, username: row.username, role: row.role };
  }

  /**
   * Hashes every password first (in parallel, on libuv's pool), then creates all the accounts
   * and their memberships in one transaction: either every student exists afterwards or none.
   * `inTransaction` runs inside that transaction (the audit entry of an import).
   */
  async createInClass(classId: number, students: readonly NewStudent[], now: number, inTransaction?: (ids: number[]) => void): Promise<number[]> {
    const hashes = await Promise.all(students.map((student) => hashPassword(student.password)));
    return this.db.transaction(() => {
      const ids = students.map((student, i) => {
        if (this.usernameTaken(student.username)) throw new UsernameTakenError(`the username ${student.username} is taken`);
        const id = this.users.insertHashed({
          username: student.username,
          displayName: student.displayName,
          passwordHash: hashes[i] as string,
          role: 'student',
          timeZone: student.timeZone,
          now,
          email: student.email,
          mustChangePassword: student.oneTime,
        });
        this.db.run('INSERT INTO class_members (class_id, user_id, joined_at) VALUES (?, ?, ?)', [classId, id, now]);
        return id;
      });
      inTransaction?.(ids);
      return ids;
    });
  }

  /**
   * Gives the student a new one-time password (returned, shown once, never stored in clear). The
   * caller also ends the student's sessions, so whoever had the old password is out too.
   */
  async resetPassword(classId: number, studentId: number, actor: Actor): Promise<string> {
    const password = newOneTimePassword();
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      this.db.run('UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?', [hash, studentId]);
      recordAudit(this.db, { at: actor.now, actorId: actor.userId, classId, action: 'password.reset', targetUserId: studentId, detail: 'reset the password (new one-time password)' });
    });
    return password;
  }

  mustChangePassword(userId: number): boolean {
    return this.db.first<{ must: number }>('SELECT must_change_password AS must FROM users WHERE id = ?', [userId])?.must === 1;
  }

  /** The student's own new password; clears the one-time flag. */
  async choosePassword(userId: number, password: string): Promise<void> {
    const hash = await hashPassword(password);
    this.db.run('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?', [hash, userId]);
  }
}
