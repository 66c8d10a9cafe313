import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { MIGRATIONS_DIR, migrateDatabase } from '../../src/db/migrate.js';

describe('migrateDatabase', () => {
  it('applies every migration to an empty database, in order, once', () => {
    const db = openDatabase(':memory:');
    const applied = migrateDatabase(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied[0]).toMatch(/^001_/);
    expect([...applied].sort()).toEqual(applied);
    const tables = db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'cards', 'card_states', 'review_log']));
    expect(migrateDatabase(db)).toEqual([]);
    expect(db.first<{ n: number }>('SELECT count(*) AS n FROM schema_migrations')?.n).toBe(applied.length);
  });

  it('rolls back a failing migration and records nothing for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dh-mig-'));
    writeFileSync(join(dir, '001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);');
    const db = openDatabase(':memory:');
    expect(() => migrateDatabase(db, dir)).toThrow(/nowhere/);
    const tables = db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
    expect(tables).toContain('a');
    expect(tables).not.toContain('b');
    expect(db.all('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
  });

  it('opens a file database with WAL and foreign keys on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dh-db-'));
    const db = openDatabase(join(dir, 'nested', 'deckhand.db'));
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    migrateDatabase(db, MIGRATIONS_DIR);
    expect(() =>
      db.run("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 999, 0, 0)"),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
