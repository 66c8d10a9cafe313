import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { lockDatabase } from '../../src/db/lock.js';
import { REPO_ROOT } from '../support/server-process.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deckhand-start-'));
  file = join(dir, 'deckhand.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real entry point the way `npm start` does; every case here stops before listening. */
function start(): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      PORT: '1',
      DECKHAND_DB: file,
      DECKHAND_BACKUP_DIR: join(dir, 'backups'),
      DECKHAND_CONTENT_DIR: join(dir, 'content'),
      DECKHAND_TIME_ZONE: 'UTC',
      DECKHAND_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('npm start with a database it cannot use', () => {
  it('prints one line naming DECKHAND_DB and the backups for a file that is not a database', () => {
    writeFileSync(file, 'not a database at all\n'.repeat(300));
    const { status, stderr } = start();
    expect(status).toBe(1);
    expect(oneLine(stderr)).toEqual([
      `Deckhand cannot start: DECKHAND_DB=${file} is not a SQLite database or is damaged (SQLITE_NOTADB): restore a backup (DECKHAND_BACKUP_DIR=${join(dir, 'backups')} holds none), or move the file away.`,
    ]);
  });

  it('prints one line for an empty file', () => {
    writeFileSync(file, '');
    const { status, stderr } = start();
    expect(status).toBe(1);
    expect(oneLine(stderr)).toHaveLength(1);
    expect(stderr).toContain(`DECKHAND_DB=${file} is an empty file (0 bytes), not a database`);
  });

  it('prints one line for a read-only file', () => {
    openDatabase(file).close();
    chmodSync(file, 0o444);
    const { status, stderr } = start();
    expect(status).toBe(1);
    expect(oneLine(stderr)).toHaveLength(1);
    expect(stderr).toContain(`DECKHAND_DB=${file} is read-only`);
  });

  it('prints one line when another server holds the database', () => {
    openDatabase(file).close();
    const lock = lockDatabase(file);
    try {
      const { status, stderr } = start();
      expect(status).toBe(1);
      expect(oneLine(stderr)).toEqual([
        `Deckhand cannot start: DECKHAND_DB=${file} is in use: another Deckhand server (pid ${process.pid}) is using this database (it holds ${join(dir, '.deckhand.db.lock')}); stop it first, or give this one its own DECKHAND_DB.`,
      ]);
    } finally {
      lock.release();
    }
  });
});
