import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';

const SESSION_DAYS = 30;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions live in SQLite so they survive restarts. Only a hash of the cookie's token is stored:
 * a copy of the database (a backup) does not let anyone sign in as a learner.
 */
export class SessionService {
  constructor(private readonly db: Database) {}

  create(userId: number, now: number): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_DAYS * 86_400_000;
    this.db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      hashToken(token),
      userId,
      now,
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  /** The user id of a live session, or undefined. */
  userIdFor(token: string, now: number): number | undefined {
    return this.db.first<{ user_id: number }>(
      'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
      [hashToken(token), now],
    )?.user_id;
  }

  destroy(token: string): void {
    this.db.run('DELETE FROM sessions WHERE token_hash = ?', [hashToken(token)]);
  }

  destroyAllFor(userId: number): void {
    this.db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
  }

  purgeExpired(now: number): number {
    return this.db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]).changes;
  }
}
