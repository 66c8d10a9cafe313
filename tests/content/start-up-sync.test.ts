import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncContent } from '../../src/content/sync.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'dh-notes-'));
  writeFileSync(join(dir, 'basics.md'), '# Docker\n- chroot - changes the root directory a process sees\n');
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  return { dir, db };
}

describe('the start-up sync', () => {
  it('skips the compile when nothing changed since the last clean sync, and not after an edit', async () => {
    const { dir, db } = setUp();
    const first = await syncContent(db, dir, 1);
    expect(first.unchanged).toBe(false);
    const again = await syncContent(db, dir, 2);
    expect(again).toMatchObject({ unchanged: true, cards: first.cards, errors: [] });

    writeFileSync(join(dir, 'basics.md'), '# Docker\n- chroot - changes the root directory a process sees\n- runc - the low-level runtime that starts containers\n');
    const edited = await syncContent(db, dir, 3);
    expect(edited.unchanged).toBe(false);
    expect(edited.cards).toBeGreaterThan(first.cards);
  });

  it('compiles again on every load while a note has errors, so the errors stay visible', async () => {
    const { dir, db } = setUp();
    writeFileSync(join(dir, 'broken.md'), '# Broken\n\n- the {{c1::}} is empty\n');
    const first = await syncContent(db, dir, 1);
    expect(first.errors.length).toBe(1);
    const second = await syncContent(db, dir, 2);
    expect(second).toMatchObject({ unchanged: false });
    expect(second.errors.length).toBe(1);
  });
});
