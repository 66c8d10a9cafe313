import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { Database, openDatabase } from '../../src/db/database.js';
import { DatabaseUnavailableError } from '../../src/db/errors.js';
import { openServerDatabase, type ServerDatabase } from '../../src/db/open-server-database.js';
import { createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/web/app.js';
import { buildDeps } from '../../src/web/build-deps.js';
import { fixedClock, seedCards, signIn, type TestApp } from '../support/app.js';

let dir: string;
let database: ServerDatabase;

/** The real app over a real SQLite file in a temp folder, opened as the server opens it. */
function fileApp(): TestApp {
  const file = join(dir, 'deckhand.db');
  const config = loadConfig({ DECKHAND_TIME_ZONE: 'UTC', DECKHAND_LOGIN_ATTEMPTS: '1000', DECKHAND_DB: file, DECKHAND_BACKUP_DIR: join(dir, 'backups') });
  database = openServerDatabase({ file, backupDir: config.backup.dir, allowCreate: false });
  const clock = fixedClock();
  const deps = buildDeps({ db: database.db, config, clock, logger: createLogger('silent') });
  return { app: createApp(deps), db: database.db, deps, clock, config };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deckhand-lost-'));
});

afterEach(() => {
  try {
    database?.close();
  } catch {
    // the file may be gone
  }
  rmSync(dir, { recursive: true, force: true });
});

const answer = async (t: TestApp) => {
  const { agent, csrf } = await signIn(t);
  return agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 4, durationMs: 1000 });
};

describe('a database file that goes away while the server runs', () => {
  it('refuses an answer after the data folder is deleted, never saying saved', async () => {
    const t = fileApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    rmSync(dir, { recursive: true, force: true });
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 4, durationMs: 1000 });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: {
        id: 'database_unavailable',
        message: "Nothing was saved: the server's database file was deleted. Tell your instructor; try again once it is fixed.",
      },
    });
  });

  it('answers /healthz with 503 once the file is deleted', async () => {
    const t = fileApp();
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    rmSync(join(dir, 'deckhand.db'));
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ok: false, problem: 'the database file was deleted' });
  });

  it('notices a file replaced under the same name', async () => {
    const t = fileApp();
    renameSync(join(dir, 'deckhand.db'), join(dir, 'moved.db'));
    writeFileSync(join(dir, 'deckhand.db'), '');
    expect((await request(t.app).get('/healthz')).body).toEqual({ ok: false, problem: 'the database file was replaced by another file' });
  });

  it('refuses writes and is unhealthy once the file is made read-only', async () => {
    const t = fileApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    chmodSync(join(dir, 'deckhand.db'), 0o444);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 4, durationMs: 1000 });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe("Nothing was saved: the server's database file is read-only. Tell your instructor; try again once it is fixed.");
    expect((await request(t.app).get('/healthz')).status).toBe(503);
    chmodSync(join(dir, 'deckhand.db'), 0o644);
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });

  it('still saves answers while the file is in place', async () => {
    const t = fileApp();
    seedCards(t.db, 2);
    const res = await answer(t);
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(true);
  });
});

describe('SQLite refusing a write', () => {
  it('becomes the same clear 503 error, not a raw SQLite error', () => {
    const file = join(dir, 'plain.db');
    openDatabase(file).close();
    const readOnly = new Database(new BetterSqlite3(file, { readonly: true }));
    expect(() => readOnly.run('CREATE TABLE t (x)')).toThrow(DatabaseUnavailableError);
    expect(() => readOnly.run('CREATE TABLE t (x)')).toThrow("Nothing was saved: the server's database file is read-only.");
    readOnly.close();
  });
});

describe('write transactions', () => {
  it('begin immediately, taking the write lock before the first read', () => {
    const file = join(dir, 'immediate.db');
    const db = openDatabase(file);
    db.run('CREATE TABLE t (x)');
    db.raw.pragma('busy_timeout = 0');
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      // A deferred transaction would read happily here and fail only at its first write.
      expect(() => db.transaction(() => db.first('SELECT count(*) FROM t'))).toThrow(/database is locked/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      db.close();
    }
  });
});
