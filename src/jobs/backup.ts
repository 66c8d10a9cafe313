import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.js';

const NAME = /^deckhand-\d{8}T\d{6}Z\.db$/;

/**
 * Writes a consistent copy of the database with `VACUUM INTO` (a snapshot even while learners are
 * answering: it reads in one transaction) and keeps only the newest `keep` copies.
 * Returns the path written and the paths removed.
 */
export function backupDatabase(db: Database, dir: string, keep: number, now: Date): { written: string; removed: string[] } {
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const written = join(dir, `deckhand-${stamp}.db`);
  rmSync(written, { force: true });
  // VACUUM INTO takes the path as a bound parameter, so no quoting of the path is needed.
  db.run('VACUUM INTO ?', [written]);
  const backups = readdirSync(dir).filter((name) => NAME.test(name)).sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => join(dir, name));
  for (const path of removed) rmSync(path, { force: true });
  return { written, removed };
}
