import { describe, expect, it } from 'vitest';
import type { NoteFile } from '../../src/compiler/types.js';
import { syncNotes } from '../../src/content/sync.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { recordAnswer } from '../../src/review/answer.js';

function setUp(): { db: Database; userId: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  return { db, userId };
}

const notes = (text: string, path = 'docker/basics.md'): NoteFile[] => [{ path, text }];

const base = `# Containers
- chroot - changes the root directory that a process and its children see
- Which flag publishes every exposed port? :: -P
`;

function cardFor(db: Database, needle: string): { id: string; retired_at: number | null; source_file: string } {
  const row = db.first<{ id: string; retired_at: number | null; source_file: string }>(
    "SELECT id, retired_at, source_file FROM cards WHERE prompt LIKE ? OR answer LIKE ?",
    [`%${needle}%`, `%${needle}%`],
  );
  if (!row) throw new Error(`no card mentions ${needle}`);
  return row;
}

function review(db: Database, userId: number, cardId: string): void {
  recordAnswer(db, { userId, cardId, quality: 5, now: 1, today: '2026-03-10', durationMs: 1 });
}

const history = (db: Database, cardId: string) =>
  db.first<{ n: number }>('SELECT count(*) AS n FROM review_log WHERE card_id = ?', [cardId])?.n;

describe('syncing notes into stored cards', () => {
  it('stores compiled cards with their source', () => {
    const { db } = setUp();
    const result = syncNotes(db, notes(base), 1);
    expect(result.errors).toEqual([]);
    expect(result.cards).toBeGreaterThanOrEqual(2);
    const card = cardFor(db, 'publishes every exposed port');
    expect(card.source_file).toBe('docker/basics.md');
  });

  it('keeps a card’s history when its answer is reworded', () => {
    const { db, userId } = setUp();
    syncNotes(db, notes(base), 1);
    const before = cardFor(db, 'publishes every exposed port');
    review(db, userId, before.id);
    syncNotes(db, notes(base.replace(':: -P', ':: -P (--publish-all)')), 2);
    const after = cardFor(db, 'publishes every exposed port');
    expect(after.id).toBe(before.id);
    expect(history(db, after.id)).toBe(1);
  });

  it('keeps a card’s id when its question has a typo fixed or moves to another file', () => {
    const { db } = setUp();
    syncNotes(db, notes(base.replace('publishes every', 'publsihes every')), 1);
    const typo = cardFor(db, 'exposed port');
    syncNotes(db, notes(base), 2);
    expect(cardFor(db, 'exposed port').id).toBe(typo.id);
    syncNotes(db, notes(`# Networking\n- Which flag publishes every exposed port? :: -P\n`, 'docker/networking.md'), 3);
    const moved = cardFor(db, 'exposed port');
    expect(moved.id).toBe(typo.id);
    expect(moved.source_file).toBe('docker/networking.md');
  });

  it('retires a removed note’s card, keeping its history, and revives it when it returns', () => {
    const { db, userId } = setUp();
    syncNotes(db, notes(base), 1);
    const card = cardFor(db, 'exposed port');
    review(db, userId, card.id);
    const removed = syncNotes(db, notes('# Containers\n- chroot - changes the root directory that a process and its children see\n'), 2);
    expect(removed.retired).toBeGreaterThanOrEqual(1);
    expect(cardFor(db, 'exposed port').retired_at).toBe(2);
    expect(history(db, card.id)).toBe(1);
    syncNotes(db, notes(base), 3);
    expect(cardFor(db, 'exposed port')).toMatchObject({ id: card.id, retired_at: null });
  });

  it('holds back a file with errors, keeping its last good cards, and syncs the others', () => {
    const { db } = setUp();
    syncNotes(db, [...notes(base), { path: 'k8s.md', text: '# Kubernetes\n- etcd - the key value store of the cluster\n' }], 1);
    const before = cardFor(db, 'exposed port');
    // An empty cloze is author syntax that cannot be read: an error, not a warning.
    const broken = base + '- the {{c1::}} is empty\n';
    const result = syncNotes(
      db,
      [...notes(broken), { path: 'k8s.md', text: '# Kubernetes\n- kubelet - the agent that runs on every node\n' }],
      2,
    );
    expect(result.errors[0]).toMatchObject({ file: 'docker/basics.md' });
    expect(result.errors[0]?.line).toBeGreaterThan(0);
    expect(result.heldBack).toEqual(['docker/basics.md']);
    expect(cardFor(db, 'exposed port')).toMatchObject({ id: before.id, retired_at: null });
    expect(cardFor(db, 'key value store').retired_at).toBe(2);
    expect(cardFor(db, 'agent that runs on every node').retired_at).toBeNull();
  });

  it('writes nothing when the notes have not changed, and rewrites only the card that did', () => {
    const { db } = setUp();
    const k8s = { path: 'k8s.md', text: '# Kubernetes\n- etcd - the key value store of the cluster\n' };
    syncNotes(db, [...notes(base), k8s], 1);
    const stamps = () => db.all<{ id: string; updated_at: number }>('SELECT id, updated_at FROM cards ORDER BY id');
    const changes = () => db.first<{ n: number }>('SELECT total_changes() AS n')?.n ?? 0;
    const first = stamps();
    expect(first.length).toBeGreaterThanOrEqual(3);

    const before = changes();
    const result = syncNotes(db, [...notes(base), k8s], 2);
    expect(changes() - before).toBe(0);
    expect(stamps()).toEqual(first);
    expect(result).toMatchObject({ cards: first.length, added: 0, revived: 0, retired: 0 });

    // A reworded answer still rewrites its own card, and only that one.
    syncNotes(db, [...notes(base.replace(':: -P', ':: -P (--publish-all)')), k8s], 3);
    const edited = cardFor(db, 'publishes every exposed port');
    expect(stamps().filter((row) => row.updated_at === 3).map((row) => row.id)).toEqual([edited.id]);
  });
});

describe('the order new cards come in', () => {
  it('follows the notes, file by file and line by line (choice cards after the rest of a file)', () => {
    const { db } = setUp();
    syncNotes(
      db,
      [
        { path: 'b.md', text: '# B\n- Second file first line? :: yes\n' },
        { path: 'a.md', text: '# A\n- kubelet - the agent on every node\n\n```bash\ndocker ps\n```\nlists the running containers\n- First file, last line? :: yes\n' },
      ],
      1,
    );
    const rows = db.all<{ source_file: string; source_line: number; kind: string }>('SELECT source_file, source_line, kind FROM cards ORDER BY position');
    const keys = rows.map((r) => `${r.source_file}:${r.kind === 'choice' ? 1 : 0}:${String(r.source_line).padStart(3, '0')}`);
    expect(keys).toEqual([...keys].sort());
    expect(rows.at(-1)?.source_file).toBe('b.md');
  });
});
