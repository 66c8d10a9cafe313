import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Database, openDatabase } from './database.js';
import { DatabaseStartError, DatabaseUnavailableError, sqliteCode } from './errors.js';
import { DatabaseLockedError, lockDatabase, lockFileFor, type DatabaseLock } from './lock.js';
import { migrateDatabase } from './migrate.js';

export interface ServerDatabaseOptions {
  /** DECKHAND_DB */
  file: string;
  /** DECKHAND_BACKUP_DIR, named in every message so the way back is one copy away. */
  backupDir: string;
  /** DECKHAND_DB_CREATE: make a new, empty database even where one existed. */
  allowCreate: boolean;
  migrationsDir?: string;
}

export interface ServerDatabase {
  db: Database;
  lock: DatabaseLock;
  /** True when this start made a new, empty database. */
  created: boolean;
  /** Migrations applied by this start. */
  applied: string[];
  /** Closes the database, then lets the next server take the lock. */
  close(): void;
}

const BACKUP_NAME = /^deckhand-\d{8}T\d{6}Z\.db$/;

function backups(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort();
  } catch {
    return [];
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    // Root passes access(); a file with every write bit off is read-only by intent all the same.
    return (statSync(path).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/**
 * Opens the server's database with every check a start should make, or throws a
 * DatabaseStartError whose one-line message names DECKHAND_DB and the backups:
 * - a missing file is created only on a brand-new place; where a database left traces (its
 *   lock file, WAL, backups) or the file is empty, a fresh database would silently hand the first
 *   visitor the instructor's account, so that needs DECKHAND_DB_CREATE=1;
 * - a read-only file or folder, a file that is not SQLite, and a failed `quick_check` stop here
 *   rather than at the first learner's answer;
 * - the lock keeps a second server off the file.
 */
export function openServerDatabase(options: ServerDatabaseOptions): ServerDatabase {
  const { file, backupDir, allowCreate } = options;
  const names = backups(backupDir);
  const newest = names.at(-1);
  const restore = newest
    ? `restore the newest backup, ${join(backupDir, newest)}`
    : `restore a backup (DECKHAND_BACKUP_DIR=${backupDir} holds none)`;
  const fail = (what: string, fix: string): never => {
    throw new DatabaseStartError(`DECKHAND_DB=${file} ${what}: ${fix}.`);
  };
  const createHint = 'or set DECKHAND_DB_CREATE=1 to start a new, empty database there';

  const exists = existsSync(file);
  let created = !exists;
  if (exists) {
    const stat = statSync(file);
    if (!stat.isFile()) fail('is not a file', 'point DECKHAND_DB at the database file');
    if (stat.size === 0) {
      if (!allowCreate) fail('is an empty file (0 bytes), not a database', `${restore}, ${createHint}`);
      created = true;
    }
    if (!isWritable(file)) fail('is read-only', `make it writable for this user (chmod u+w), or ${restore} to a writable place`);
  } else {
    const traces = [`${file}-wal`, `${file}-shm`, lockFileFor(file)].filter(existsSync);
    if (names.length > 0) traces.push(`${names.length} backup(s) in ${backupDir}`);
    if (traces.length > 0 && !allowCreate) {
      fail(`is missing, but a database was there before (${traces.join(', ')})`, `${restore}, ${createHint}`);
    }
  }
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  // SQLite writes its -wal and -shm files beside the database, so the folder must be writable too.
  if (!isWritable(dir)) fail(`is in a read-only folder (${dir})`, 'SQLite needs to write its -wal file beside the database; make the folder writable');

  let lock: DatabaseLock;
  try {
    lock = lockDatabase(file);
  } catch (error) {
    if (error instanceof DatabaseLockedError) fail('is in use', error.message);
    throw error;
  }
  let db: Database | undefined;
  try {
    db = openDatabase(file);
    const check = db.raw.pragma('quick_check', { simple: true });
    if (check !== 'ok') fail(`is damaged (quick_check: ${String(check).split('\n')[0]})`, restore);
    // A write that changes nothing: a file SQLite can only read fails here, not at the first answer.
    const version = Number(db.raw.pragma('user_version', { simple: true }));
    db.raw.pragma(`user_version = ${version}`);
    const applied = migrateDatabase(db, options.migrationsDir);
    const opened = db;
    return {
      db: opened,
      lock,
      created,
      applied,
      close() {
        opened.close();
        lock.release();
      },
    };
  } catch (error) {
    db?.close();
    lock.release();
    if (error instanceof DatabaseStartError) throw error;
    if (error instanceof DatabaseUnavailableError) fail(error.problem, restore);
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
      fail(`is not a SQLite database or is damaged (${code})`, `${restore}, or move the file away`);
    }
    if (code?.startsWith('SQLITE_READONLY')) fail(`cannot be written (${code})`, `make it writable, or ${restore}`);
    if (code) fail(`could not be opened (${code}: ${(error as Error).message})`, restore);
    throw error;
  }
}
