import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { backupDatabase } from '../../src/jobs/backup.js';

describe('backupDatabase', () => {
  it('writes a consistent, openable copy and keeps only the newest ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dh-backup-'));
    const db = openDatabase(join(dir, 'live.db'));
    migrateDatabase(db);
    db.run("INSERT INTO settings (key, value) VALUES ('marker', 'kept')");
    const backups = join(dir, 'backups');
    for (let day = 1; day <= 9; day++) {
      backupDatabase(db, backups, 7, new Date(`2026-03-0${day}T03:30:00Z`));
    }
    const files = readdirSync(backups).sort();
    expect(files).toHaveLength(7);
    expect(files[0]).toBe('deckhand-20260303T033000Z.db');
    const copy = openDatabase(join(backups, files[6] as string));
    expect(copy.first<{ value: string }>("SELECT value FROM settings WHERE key = 'marker'")?.value).toBe('kept');
    expect(copy.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
