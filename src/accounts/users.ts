import type { Database } from '../db/database.js';
import { hashPassword, verifyPassword } from './passwords.js';

export type Role = 'instructor' | 'student';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  timeZone: string;
  /** Signed in with a one-time password an instructor handed out; must choose their own. */
  mustChangePassword: boolean;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  time_zone: string;
  password_hash: string;
  must_change_password: number;
}

const COLUMNS = 'id, username, display_name, role, time_zone, password_hash, must_change_password';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    timeZone: row.time_zone,
    mustChangePassword: row.must_change_password === 1,
  };
}

export class UsernameTakenError extends Error {}

/** Accounts: creation, lookup and password checks. */
export class UserService {
  constructor(private readonly db: Database) {}

  count(): number {
    return this.db.first<{ n: number }>('SELECT count(*) AS n FROM users')?.n ?? 0;
  }

  byId(id: number): User | undefined {
    const row = this.db.first<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  async create(input: {
    username: string;
    displayName?: string;
    password: string;
    role: Role;
    timeZone: string;
    now: number;
  }): Promise<User> {
    const hash = await hashPassword(input.password);
    const existing = this.db.first('SELECT 1 FROM users WHERE username = ?', [input.username]);
    if (existing) throw new UsernameTakenError(`the username ${input.username} is taken`);
    const id = this.insertHashed({ ...input, displayName: input.displayName ?? input.username, passwordHash: hash });
    return this.byId(id) as User;
  }

  /**
   * Inserts an account whose password is already hashed, so callers creating many accounts at
   * once (a roster import) can hash first and insert everything in one transaction.
   */
  insertHashed(input: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    timeZone: string;
    now: number;
    email?: string | null;
    mustChangePassword?: boolean;
  }): number {
    return this.db.run(
      `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at, email, must_change_password)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [input.username, input.displayName, input.passwordHash, input.role, input.timeZone, input.now, input.email ?? null, input.mustChangePassword ? 1 : 0],
    ).lastInsertRowid;
  }

  /**
   * Creates the first account as the instructor, atomically: if two people submit the set-up form
   * at once, only one wins. Returns undefined when an account already exists.
   */
  async createFirst(input: { username: string; password: string; timeZone: string; now: number }): Promise<User | undefined> {
    const hash = await hashPassword(input.password);
    const id = this.db.transaction(() => {
      if (this.count() > 0) return undefined;
      return this.insertHashed({ ...input, displayName: input.username, passwordHash: hash, role: 'instructor' });
    });
    return id === undefined ? undefined : this.byId(id);
  }

  /**
   * The user whose username and password match, or undefined (same time either way).
   * `turnKey` (the caller's address or account) is whose turn it is at the hashing gate.
   */
  async authenticate(username: string, password: string, turnKey = ''): Promise<User | undefined> {
    const row = this.db.first<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = ?`, [username]);
    // Hash against a dummy when the user does not exist so timing does not reveal usernames.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH, turnKey);
    return row && ok ? toUser(row) : undefined;
  }

  async setPassword(userId: number, password: string): Promise<void> {
    const hash = await hashPassword(password);
    this.db.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, userId]);
  }

  /** Sets the learner's time zone as their own choice (the Account page, or the join form). */
  setTimeZone(userId: number, timeZone: string): void {
    this.db.run('UPDATE users SET time_zone = ?, time_zone_chosen = 1 WHERE id = ?', [timeZone, userId]);
  }

  /** Whether the learner chose their time zone, or still has the server's (migration 018). */
  timeZoneChosen(userId: number): boolean {
    return this.db.first<{ chosen: number }>('SELECT time_zone_chosen AS chosen FROM users WHERE id = ?', [userId])?.chosen === 1;
  }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
