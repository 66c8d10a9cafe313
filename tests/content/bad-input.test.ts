import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_FILE_BYTES } from '../../src/compiler/read-dir.js';
import { syncContent } from '../../src/content/sync.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

const DOCKER = '# Docker\n- chroot - changes the root directory a process sees\n';
const K8S = '# Kubernetes\n- etcd - the key value store of the cluster\n';
const K8S_EDITED = `${K8S}- kubelet - the agent that runs on every node\n`;

/** A content folder (inside a temp folder, so "outside" exists) and a migrated in-memory database. */
function setUp(): { dir: string; outside: string; db: Database } {
  const base = mkdtempSync(join(tmpdir(), 'dh-bad-'));
  const dir = join(base, 'content');
  const outside = join(base, 'elsewhere');
  mkdirSync(dir);
  mkdirSync(outside);
  writeFileSync(join(dir, 'docker.md'), DOCKER);
  writeFileSync(join(dir, 'k8s.md'), K8S);
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  return { dir, outside, db };
}

function card(db: Database, needle: string): { id: string; retired_at: number | null } | undefined {
  return db.first<{ id: string; retired_at: number | null }>('SELECT id, retired_at FROM cards WHERE answer LIKE ?', [`%${needle}%`]);
}

/** A flat list of about `bytes` bytes: much too slow to compile in a millisecond. */
function largeList(bytes: number): string {
  const line = (i: number): string => `- term${i} - the component number ${i} that keeps containers running\n`;
  const lines: string[] = ['# Large\n'];
  for (let size = 0, i = 0; size < bytes; i++) {
    lines.push(line(i));
    size += line(i).length;
  }
  return lines.join('');
}

const badFiles: { what: string; write: (dir: string, outside: string) => void; message: RegExp }[] = [
  { what: 'a binary file', write: (dir) => writeFileSync(join(dir, 'docker.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a])), message: /^is a binary file/ },
  {
    what: 'a file over the size limit',
    write: (dir) => writeFileSync(join(dir, 'docker.md'), `${DOCKER}${'x'.repeat(MAX_TEXT_FILE_BYTES)}\n`),
    message: /^is 2\.0 MB; files over 2 MB are not read/,
  },
  { what: 'invalid UTF-8', write: (dir) => writeFileSync(join(dir, 'docker.md'), Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a])), message: /^is not valid UTF-8 text/ },
  {
    what: 'a symbolic link out of the content folder',
    write: (dir, outside) => {
      writeFileSync(join(outside, 'docker.md'), '# Elsewhere\n- runc - the low-level runtime\n');
      rmSync(join(dir, 'docker.md'));
      symlinkSync(join(outside, 'docker.md'), join(dir, 'docker.md'));
    },
    message: /^is a symbolic link to a place outside the content folder/,
  },
];

describe('bad input in the content folder', () => {
  it.each(badFiles)('refuses $what with a located warning, keeps its cards and syncs the other files', async ({ write, message }) => {
    const { dir, outside, db } = setUp();
    await syncContent(db, dir, 1);
    const chroot = card(db, 'changes the root directory');
    expect(chroot?.retired_at).toBeNull();

    write(dir, outside);
    writeFileSync(join(dir, 'k8s.md'), K8S_EDITED);
    const result = await syncContent(db, dir, 2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ file: 'docker.md', line: 1, message: expect.stringMatching(message) }]);
    expect(result.heldBack).toEqual(['docker.md']);
    expect(card(db, 'changes the root directory')).toEqual({ id: chroot?.id, retired_at: null });
    expect(card(db, 'agent that runs on every node')?.retired_at).toBeNull();
    expect(card(db, 'low-level runtime')).toBeUndefined();

    // A restart with nothing changed skips the compile, and still says why the file is held back.
    const again = await syncContent(db, dir, 3);
    expect(again).toMatchObject({ unchanged: true, heldBack: ['docker.md'], warnings: result.warnings });
  });

  it('keeps the compile warnings of a clean sync for the restart that skips the compile', async () => {
    const { dir, db } = setUp();
    writeFileSync(join(dir, 'fence.md'), '# Fence\n- runc - the low-level runtime\n\n```bash\ndocker ps\n');
    const first = await syncContent(db, dir, 1);
    expect(first.warnings).toEqual([expect.objectContaining({ file: 'fence.md', line: 4 })]);
    const again = await syncContent(db, dir, 2);
    expect(again).toMatchObject({ unchanged: true, warnings: first.warnings });
  });

  it('stops a compile that exceeds its time budget, names the note and keeps its cards', async () => {
    const { dir, db } = setUp();
    rmSync(join(dir, 'k8s.md'));
    await syncContent(db, dir, 1);
    const chroot = card(db, 'changes the root directory');

    writeFileSync(join(dir, 'docker.md'), DOCKER + largeList(1024 * 1024));
    const result = await syncContent(db, dir, 2, { budget: { timeMs: 1, memoryMb: 1024 } });
    expect(result.failure).toBeUndefined();
    expect(result.errors).toEqual([
      { file: 'docker.md', line: 1, message: 'compiling took longer than 0.001 s, so it was stopped; this note keeps its previous cards (is it unusually large or deeply nested?)' },
    ]);
    expect(result.heldBack).toEqual(['docker.md']);
    expect(card(db, 'changes the root directory')).toEqual({ id: chroot?.id, retired_at: null });
    expect(card(db, 'component number 1 ')).toBeUndefined();
    // No fingerprint is kept for a sync with errors: the next load tries again.
    expect((await syncContent(db, dir, 3, { budget: { timeMs: 1, memoryMb: 1024 } })).unchanged).toBe(false);
  });

  it('holds back a note that exhausts the memory budget and loads the other notes', async () => {
    const { dir, db } = setUp();
    await syncContent(db, dir, 1);
    writeFileSync(join(dir, 'docker.md'), DOCKER + largeList(1024 * 1024));
    writeFileSync(join(dir, 'k8s.md'), K8S_EDITED);
    const result = await syncContent(db, dir, 2, { budget: { timeMs: 60_000, memoryMb: 48 } });
    expect(result.errors).toEqual([
      { file: 'docker.md', line: 1, message: expect.stringMatching(/^compiling needed more than 48 MB of memory, so it was stopped; this note keeps its previous cards/) },
    ]);
    expect(result.heldBack).toEqual(['docker.md']);
    expect(card(db, 'changes the root directory')?.retired_at).toBeNull();
    expect(card(db, 'agent that runs on every node')?.retired_at).toBeNull();
  });

  it('fails the whole compile with a clear message when the worker cannot even start, and changes no card', async () => {
    const { dir, db } = setUp();
    await syncContent(db, dir, 1);
    const before = db.all('SELECT * FROM cards ORDER BY id');
    writeFileSync(join(dir, 'k8s.md'), K8S_EDITED);
    const result = await syncContent(db, dir, 2, { budget: { timeMs: 60_000, memoryMb: 8 } });
    expect(result).toMatchObject({
      unchanged: false,
      errors: [],
      cards: before.length,
      failure: 'The notes could not be compiled: compiling needed more than 8 MB of memory, so it was stopped. Every card was kept as it was.',
    });
    expect(db.all('SELECT * FROM cards ORDER BY id')).toEqual(before);
  });

  it('gives deep nesting and broken tables a located message at most, never a lost file', async () => {
    const { dir, db } = setUp();
    writeFileSync(join(dir, 'quotes.md'), `# Deep\n${'>'.repeat(2_000)} runc - the runtime\n`);
    writeFileSync(join(dir, 'lists.md'), `# Deep\n${Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level${i} - the level ${i} of the tree`).join('\n')}\n`);
    writeFileSync(join(dir, 'table.md'), '# Table\n| a | b |\n| --- |\n| 1 | 2 | 3 |\n|||\n- crun - a runtime written in C\n');
    const result = await syncContent(db, dir, 1);
    for (const problem of [...result.errors, ...result.warnings]) expect(problem.line).toBeGreaterThan(0);
    // At worst the file nested 2,000 deep is held back with a located error.
    expect(result.errors.every((error) => error.file === 'quotes.md')).toBe(true);
    expect(card(db, 'changes the root directory')?.retired_at).toBeNull();
    expect(card(db, 'the level 59 of the tree')?.retired_at).toBeNull();
    expect(card(db, 'a runtime written in C')?.retired_at).toBeNull();
  });
});
