import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Held for as long as a server uses the database file; `release` lets the next one in. */
export interface DatabaseLock {
  readonly file: string;
  release(): void;
}

/** The lock file beside a database: `data/.deckhand.db.lock` (a dot file, so `rm data/*` leaves it as a trace). */
export function lockFileFor(databaseFile: string): string {
  return join(dirname(databaseFile), `.${basename(databaseFile)}.lock`);
}

/**
 * The process holding a POSIX lock on `file`, read from /proc/locks (Linux); undefined elsewhere
 * or when nobody does. Only for the message: the lock itself is SQLite's.
 */
function lockHolder(file: string): number | undefined {
  try {
    const ino = statSync(file).ino;
    const line = readFileSync('/proc/locks', 'utf8')
      .split('\n')
      .find((entry) => entry.includes(`:${ino} `));
    const pid = Number(line?.trim().split(/\s+/)[4]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class DatabaseLockedError extends Error {}

/**
 * Takes the exclusive lock that keeps a second server off the same database file. It is SQLite's
 * own (an open `BEGIN EXCLUSIVE` on an empty side file), so the kernel drops it the moment the
 * holder exits, `kill -9` included: a lock left by a dead server is never in the way, and there is
 * no pid file to go stale. The database itself stays open to readers and to the CLI.
 */
export function lockDatabase(databaseFile: string): DatabaseLock {
  const file = lockFileFor(databaseFile);
  const raw = new BetterSqlite3(file, { timeout: 0 });
  try {
    raw.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    raw.close();
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    const pid = lockHolder(file);
    throw new DatabaseLockedError(
      `another Deckhand server${pid === undefined ? '' : ` (pid ${pid})`} is using this database (it holds ${file}); stop it first, or give this one its own DECKHAND_DB`,
    );
  }
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      raw.close();
    },
  };
}
