import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, PAGE_SIZE, type BrowseFilter } from '../../src/browse/browse-filter.js';
import { searchCards, topLevelTopics } from '../../src/browse/card-search.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

let db: Database;
let position = 0;

function addUser(name: string): number {
  return db.run(
    `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`,
    [name, name],
  ).lastInsertRowid;
}

function addCard(id: string, card: { prompt?: string; answer?: string; topic?: string; retired?: boolean } = {}): void {
  position += 1;
  db.run(
    `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, retired_at, created_at, updated_at)
     VALUES (?, 'basic', ?, ?, ?, 'notes.md', ?, ?, ?, 0, 0)`,
    [id, card.topic ?? 'Docker › Images', card.prompt ?? `Prompt ${id}`, card.answer ?? `Answer ${id}`, position, position, card.retired ? 1 : null],
  );
}

function addState(userId: number, cardId: string, dueDay: string | null, suspended = false): void {
  db.run(
    `INSERT INTO card_states (user_id, card_id, interval_days, easiness, due_day, suspended) VALUES (?, ?, 6, 236, ?, ?)`,
    [userId, cardId, dueDay, suspended ? 1 : 0],
  );
}

const search = (userId: number, filter: Partial<BrowseFilter>) => searchCards(db, userId, { ...DEFAULT_FILTER, ...filter });
const ids = (userId: number, filter: Partial<BrowseFilter>) => search(userId, filter).rows.map((r) => r.id);

beforeEach(() => {
  db = openDatabase(':memory:');
  migrateDatabase(db);
  position = 0;
});

describe('searchCards', () => {
  it('finds cards by prompt or answer, ignoring case', () => {
    const ada = addUser('ada');
    addCard('a', { prompt: 'What does docker PS show?' });
    addCard('b', { answer: 'Running containers (use ps -a for all)' });
    addCard('c', { prompt: 'Unrelated' });
    expect(ids(ada, { q: 'Ps' })).toEqual(['a', 'b']);
  });

  it('treats % and _ in the search text literally', () => {
    const ada = addUser('ada');
    addCard('a', { prompt: 'Limit memory to 50% of the host' });
    addCard('b', { prompt: 'Limit memory to 500 MB' });
    addCard('c', { answer: 'max_size' });
    addCard('d', { answer: 'maxxsize' });
    expect(ids(ada, { q: '50%' })).toEqual(['a']);
    expect(ids(ada, { q: 'max_size' })).toEqual(['c']);
  });

  it('filters by top-level topic, including its subtopics but not look-alike names', () => {
    const ada = addUser('ada');
    addCard('a', { topic: 'Docker' });
    addCard('b', { topic: 'Docker › Volumes' });
    addCard('c', { topic: 'Docker Compose' });
    addCard('d', { topic: 'Kubernetes › Pods' });
    expect(ids(ada, { topic: 'Docker' })).toEqual(['a', 'b']);
    expect(topLevelTopics(db)).toEqual(['Docker', 'Docker Compose', 'Kubernetes']);
  });

  it('filters by status and hides retired cards unless asked for', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    for (const id of ['fresh', 'learning', 'paused', 'pausedNew', 'old']) addCard(id, { retired: id === 'old' });
    addState(ada, 'learning', '2026-03-12');
    addState(ada, 'paused', '2026-03-12', true);
    addState(ada, 'pausedNew', null, true);
    addState(bob, 'fresh', '2026-03-12', true); // another learner's state changes nothing for ada
    expect(ids(ada, {})).toEqual(['fresh', 'learning', 'paused', 'pausedNew']);
    expect(ids(ada, { status: 'new' })).toEqual(['fresh']);
    expect(ids(ada, { status: 'learning' })).toEqual(['learning']);
    expect(ids(ada, { status: 'suspended' })).toEqual(['paused', 'pausedNew']);
    expect(ids(ada, { status: 'retired' })).toEqual(['old']);
  });

  it('shows the learner’s own schedule for each card', () => {
    const ada = addUser('ada');
    addCard('a');
    addCard('b');
    addState(ada, 'a', '2026-03-12');
    const [a, b] = search(ada, {}).rows;
    expect(a).toMatchObject({ id: 'a', dueDay: '2026-03-12', interval: 6, ease: 236, suspended: false, sourceFile: 'notes.md', sourceLine: 1 });
    expect(b).toMatchObject({ id: 'b', dueDay: null, interval: null, ease: null, suspended: false });
  });

  it('pages through the results 50 at a time in the order of the notes', () => {
    const ada = addUser('ada');
    for (let i = 1; i <= PAGE_SIZE + 3; i++) addCard(`c${String(i).padStart(3, '0')}`);
    const first = search(ada, { page: 1 });
    const second = search(ada, { page: 2 });
    expect(first).toMatchObject({ total: 53, pages: 2, page: 1 });
    expect(first.rows).toHaveLength(50);
    expect(second.rows.map((r) => r.id)).toEqual(['c051', 'c052', 'c053']);
    expect(search(ada, { page: 3 }).rows).toEqual([]);
  });
});
