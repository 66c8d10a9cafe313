import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerDatabase, type ServerDatabase } from '../../src/db/open-server-database.js';
import { lockDatabase, lockFileFor } from '../../src/db/lock.js';
import { REPO_ROOT } from '../support/server-process.js';

let dir: string;
let file: string;
let backupDir: string;
const opened: ServerDatabase[] = [];

const open = (allowCreate = false) => {
  const database = openServerDatabase({ file, backupDir, allowCreate });
  opened.push(database);
  return database;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deckhand-db-'));
  file = join(dir, 'data', 'deckhand.db');
  backupDir = join(dir, 'data', 'backups');
});

afterEach(() => {
  for (const database of opened.splice(0)) {
    try {
      database.close();
    } catch {
      // already closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('opening the server database', () => {
  it('creates and migrates a new database in a brand-new folder', () => {
    const database = open();
    expect(database.created).toBe(true);
    expect(database.applied.length).toBeGreaterThan(0);
    expect(database.db.first<{ n: number }>('SELECT count(*) AS n FROM users')?.n).toBe(0);
  });

  it('reopens an existing database without creating anything', () => {
    open().close();
    opened.length = 0;
    const again = open();
    expect(again.created).toBe(false);
    expect(again.applied).toEqual([]);
  });

  it('refuses to create a database where one was deleted, naming DECKHAND_DB and the backups', () => {
    open().close();
    opened.length = 0;
    rmSync(file);
    expect(() => open()).toThrow(
      `DECKHAND_DB=${file} is missing, but a database was there before (${lockFileFor(file)}): restore a backup (DECKHAND_BACKUP_DIR=${backupDir} holds none), or set DECKHAND_DB_CREATE=1 to start a new, empty database there.`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('names the newest backup when the database is gone but backups remain', () => {
    mkdirSync(backupDir, { recursive: true });
    writeFileSync(join(backupDir, 'deckhand-20260301T033000Z.db'), '');
    writeFileSync(join(backupDir, 'deckhand-20260302T033000Z.db'), '');
    expect(() => open()).toThrow(`restore the newest backup, ${join(backupDir, 'deckhand-20260302T033000Z.db')}`);
  });

  it('refuses an empty (zero-byte) file unless DECKHAND_DB_CREATE=1 asks for a new database', () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(file, '');
    expect(() => open()).toThrow(`DECKHAND_DB=${file} is an empty file (0 bytes), not a database`);
    const database = open(true);
    expect(database.created).toBe(true);
  });

  it('creates a new database over traces when DECKHAND_DB_CREATE=1 asks for it', () => {
    open().close();
    opened.length = 0;
    rmSync(file);
    expect(open(true).created).toBe(true);
  });

  it('gives one line naming DECKHAND_DB and the backups for a file that is not a database', () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    let message = '';
    try {
      open();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `DECKHAND_DB=${file} is not a SQLite database or is damaged (SQLITE_NOTADB): restore a backup (DECKHAND_BACKUP_DIR=${backupDir} holds none), or move the file away.`,
    );
    expect(message).not.toContain('\n');
  });

  it('finds damage with quick_check at start', () => {
    // A real database whose table pages are overwritten: the header still says SQLite.
    mkdirSync(join(dir, 'data'));
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);');
    const insert = raw.prepare('INSERT INTO t (x) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    raw.close();
    const bytes = readFileSync(file);
    bytes.fill(0x55, 4096 * 3, 4096 * 6);
    writeFileSync(file, bytes);
    expect(() => open()).toThrow(`DECKHAND_DB=${file} is damaged (quick_check: `);
  });

  it('gives one line for a read-only file', () => {
    open().close();
    opened.length = 0;
    chmodSync(file, 0o444);
    expect(() => open()).toThrow(`DECKHAND_DB=${file} is read-only: make it writable for this user (chmod u+w)`);
  });
});

describe('the database lock', () => {
  it('keeps a second server off the same file', () => {
    open();
    expect(() => open()).toThrow(new RegExp(`^DECKHAND_DB=.* is in use: another Deckhand server \\(pid ${process.pid}\\) is using this database`));
  });

  it('lets the next server in once the first has closed', () => {
    open().close();
    opened.length = 0;
    expect(() => open()).not.toThrow();
  });

  it('is taken over from a server that was killed (kill -9) while holding it', async () => {
    open().close();
    opened.length = 0;
    // A real second process takes the lock and is killed without any chance to let go.
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import { lockDatabase } from './src/db/lock.ts'; lockDatabase(${JSON.stringify(file)}); console.log('locked'); setInterval(() => {}, 1000);`],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`the holder exited early (${code})`)));
    });
    expect(() => lockDatabase(file)).toThrow(`(pid ${holder.pid})`);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(open().created).toBe(false);
  });
});
