import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';

/**
 * A server secret kept in the database, created on first use. It lives with the data so that a
 * restart (or a second process on the same file) signs and checks tokens the same way.
 */
export function serverSecret(db: Database, name: string): string {
  return db.transaction(() => {
    const row = db.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [name]);
    if (row) return row.value;
    const value = randomBytes(32).toString('base64url');
    db.run('INSERT INTO settings (key, value) VALUES (?, ?)', [name, value]);
    return value;
  });
}
