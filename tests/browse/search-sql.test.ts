import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, type BrowseFilter } from '../../src/browse/browse-filter.js';
import { writeFlags } from '../../src/browse/card-flags.js';
import { searchCards } from '../../src/browse/card-search.js';
import { parseSearch } from '../../src/browse/search-query.js';
import { compileSearch } from '../../src/browse/search-sql.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

const TODAY = '2026-03-10';
let db: Database;
let position = 0;

function addUser(name: string): number {
  return db.run(
    `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`,
    [name, name],
  ).lastInsertRowid;
}

interface CardSpec {
  prompt?: string;
  answer?: string;
  topic?: string;
  kind?: string;
  draft?: boolean;
}

function addCard(id: string, card: CardSpec = {}): void {
  position += 1;
  db.run(
    `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, draft, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'notes.md', ?, ?, ?, 0, 0)`,
    [id, card.kind ?? 'basic', card.topic ?? 'Misc', card.prompt ?? `Prompt ${id}`, card.answer ?? `Answer ${id}`, position, position, card.draft ? 1 : 0],
  );
}

function addState(userId: number, cardId: string, state: { due?: string | null; drill?: string; suspended?: boolean }): void {
  db.run(
    `INSERT INTO card_states (user_id, card_id, interval_days, easiness, due_day, drill_day, suspended) VALUES (?, ?, 6, 236, ?, ?, ?)`,
    [userId, cardId, state.due ?? null, state.drill ?? null, state.suspended ? 1 : 0],
  );
}

function find(userId: number, q: string, filter: Partial<BrowseFilter> = {}): string[] {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return searchCards(db, userId, { ...DEFAULT_FILTER, ...filter, q }, { query: parsed.node, today: TODAY }).rows.map((r) => r.id);
}

beforeEach(() => {
  db = openDatabase(':memory:');
  migrateDatabase(db);
  position = 0;
});

describe('compileSearch', () => {
  it('binds every value as a parameter and writes none into the SQL', () => {
    const parsed = parseSearch(`"'; DROP TABLE cards; --" topic:"a'b" kind:cloze 50%`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const condition = compileSearch(parsed.node);
    expect(condition.sql).not.toMatch(/DROP|a'b|cloze|50/);
    expect(Object.values(condition.params)).toEqual([
      "%'; DROP TABLE cards; --%",
      "a'b",
      "a'b › %",
      'cloze',
      '%50\\%%',
    ]);
  });

  it('matches every card for an empty search', () => {
    expect(compileSearch(null)).toEqual({ sql: '1', params: {} });
  });
});

describe('searchCards with the search syntax', () => {
  it('finds every word in the prompt, the answer or the topic, ignoring case', () => {
    const ada = addUser('ada');
    addCard('a', { prompt: 'What does docker PS show?', answer: 'Live containers' });
    addCard('b', { prompt: 'Which command runs a container?', answer: 'docker run', topic: 'Docker' });
    addCard('c', { prompt: 'Unrelated', topic: 'Docker › Images' });
    addCard('d', { prompt: 'Run a pod', answer: 'kubectl run' });
    expect(find(ada, 'DOCKER')).toEqual(['a', 'b', 'c']);
    expect(find(ada, 'docker run')).toEqual(['b']);
    expect(find(ada, 'container docker')).toEqual(['a', 'b']);
  });

  it('finds a quoted phrase only as written, in that order', () => {
    const ada = addUser('ada');
    addCard('a', { answer: 'docker run -d nginx' });
    addCard('b', { answer: 'run it with docker -d' });
    expect(find(ada, '"docker run -d"')).toEqual(['a']);
    expect(find(ada, '"-d"')).toEqual(['a', 'b']);
    expect(find(ada, 'docker -d')).toEqual([]); // "-d" without quotes leaves out cards with a "d"
  });

  it('treats % and _ literally and * as any text', () => {
    const ada = addUser('ada');
    addCard('a', { prompt: 'Limit memory to 50% of the host' });
    addCard('b', { prompt: 'Limit memory to 500 MB' });
    addCard('c', { answer: 'max_size' });
    addCard('d', { answer: 'maxxsize' });
    expect(find(ada, '50%')).toEqual(['a']);
    expect(find(ada, 'max_size')).toEqual(['c']);
    expect(find(ada, 'max*size')).toEqual(['c', 'd']);
    expect(find(ada, '"memory to 5*MB"')).toEqual(['b']);
  });

  it('matches topic: a whole segment at a time, with the sub-topics under it', () => {
    const ada = addUser('ada');
    addCard('docker', { topic: 'Docker' });
    addCard('volumes', { topic: 'Docker › Volumes' });
    addCard('compose', { topic: 'Docker Compose' });
    addCard('long', { topic: 'Containers with Docker › Basics' });
    addCard('pods', { topic: 'Kubernetes › Pods' });
    expect(find(ada, 'topic:docker')).toEqual(['docker', 'volumes']);
    expect(find(ada, 'topic:docker*')).toEqual(['docker', 'volumes', 'compose']);
    expect(find(ada, 'topic:docker::volumes')).toEqual(['volumes']);
    expect(find(ada, 'topic:"Docker › Volumes"')).toEqual(['volumes']);
    expect(find(ada, 'topic:"containers with docker"')).toEqual(['long']);
    expect(find(ada, 'topic:*pods')).toEqual(['pods']);
    expect(find(ada, 'topic:volumes')).toEqual([]);
    expect(find(ada, '-topic:docker')).toEqual(['compose', 'long', 'pods']);
  });

  it('filters by kind', () => {
    const ada = addUser('ada');
    addCard('b', { kind: 'basic' });
    addCard('z', { kind: 'cloze' });
    addCard('m', { kind: 'command' });
    addCard('q', { kind: 'choice' });
    expect(find(ada, 'kind:cloze')).toEqual(['z']);
    expect(find(ada, 'kind:command OR kind:choice')).toEqual(['m', 'q']);
    expect(find(ada, '-kind:basic')).toEqual(['z', 'm', 'q']);
  });

  it('reads is:due, is:new and is:suspended from this learner’s schedule only', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    for (const id of ['fresh', 'overdue', 'today', 'later', 'drill', 'paused', 'pausedNew']) addCard(id);
    addState(ada, 'overdue', { due: '2026-03-01' });
    addState(ada, 'today', { due: TODAY });
    addState(ada, 'later', { due: '2026-03-20' });
    addState(ada, 'drill', { due: '2026-03-11', drill: TODAY });
    addState(ada, 'paused', { due: '2026-03-01', suspended: true });
    addState(ada, 'pausedNew', { suspended: true });
    addState(bob, 'fresh', { due: '2026-03-01', suspended: true });
    expect(find(ada, 'is:due')).toEqual(['overdue', 'today', 'drill']);
    expect(find(ada, 'is:new')).toEqual(['fresh', 'pausedNew']);
    expect(find(ada, 'is:new -is:suspended')).toEqual(['fresh']);
    expect(find(ada, 'is:suspended')).toEqual(['paused', 'pausedNew']);
    expect(find(bob, 'is:suspended')).toEqual(['fresh']);
    expect(find(bob, 'is:due')).toEqual([]);
  });

  it('keeps cards with no schedule when a state is negated', () => {
    const ada = addUser('ada');
    addCard('unseen');
    addCard('due');
    addCard('paused');
    addState(ada, 'due', { due: TODAY });
    addState(ada, 'paused', { suspended: true });
    expect(find(ada, '-is:suspended')).toEqual(['unseen', 'due']);
    expect(find(ada, '-is:due')).toEqual(['unseen', 'paused']);
    expect(find(ada, '-is:new')).toEqual(['due']);
    expect(find(ada, '-is:flagged')).toEqual(['unseen', 'due', 'paused']);
  });

  it('finds the cards this learner flagged', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    addCard('a');
    addCard('b');
    writeFlags(db, ada, ['b'], true, 1);
    writeFlags(db, bob, ['a'], true, 1);
    expect(find(ada, 'is:flagged')).toEqual(['b']);
    expect(find(bob, 'is:flagged')).toEqual(['a']);
    writeFlags(db, ada, ['b'], false, 2);
    expect(find(ada, 'is:flagged')).toEqual([]);
  });

  it('binds AND tighter than OR, and groups with parentheses', () => {
    const ada = addUser('ada');
    addCard('ab', { prompt: 'alpha beta' });
    addCard('a', { prompt: 'alpha' });
    addCard('c', { prompt: 'gamma' });
    addCard('bc', { prompt: 'beta gamma' });
    expect(find(ada, 'alpha beta OR gamma')).toEqual(['ab', 'c', 'bc']);
    expect(find(ada, 'alpha (beta OR gamma)')).toEqual(['ab']);
    expect(find(ada, '-(alpha OR gamma)')).toEqual([]);
    expect(find(ada, 'beta -gamma OR alpha -beta')).toEqual(['ab', 'a']);
  });

  it('searches the learner’s own edits, not the notes’ text nor another learner’s', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    addCard('a', { prompt: 'What lists containers?', answer: 'docker ps' });
    db.run(`INSERT INTO card_overrides (user_id, card_id, answer, edited_at) VALUES (?, 'a', 'docker container ls', 1)`, [ada]);
    expect(find(ada, '"container ls"')).toEqual(['a']);
    expect(find(ada, '"docker ps"')).toEqual([]);
    expect(find(bob, '"docker ps"')).toEqual(['a']);
    expect(find(bob, '"container ls"')).toEqual([]);
  });

  it('leaves out drafts the learner has not accepted, whatever the search', () => {
    const ada = addUser('ada');
    addCard('sure', { prompt: 'docker volume' });
    addCard('draft', { prompt: 'docker volume draft', draft: true });
    expect(find(ada, 'docker')).toEqual(['sure']);
    expect(find(ada, 'draft OR docker')).toEqual(['sure']);
    db.run(`INSERT INTO card_overrides (user_id, card_id, decision, decided_at) VALUES (?, 'draft', 'accepted', 1)`, [ada]);
    expect(find(ada, 'draft')).toEqual(['draft']);
  });

  it('combines the search with the form’s topic and status', () => {
    const ada = addUser('ada');
    addCard('a', { prompt: 'volume', topic: 'Docker › Volumes' });
    addCard('b', { prompt: 'volume', topic: 'Kubernetes' });
    addState(ada, 'b', { suspended: true });
    expect(find(ada, 'volume', { topic: 'Docker' })).toEqual(['a']);
    expect(find(ada, 'volume', { status: 'suspended' })).toEqual(['b']);
  });

  it('marks flagged rows', () => {
    const ada = addUser('ada');
    addCard('a');
    addCard('b');
    writeFlags(db, ada, ['a'], true, 1);
    const rows = searchCards(db, ada, DEFAULT_FILTER, { query: null, today: TODAY }).rows;
    expect(rows.map((r) => [r.id, r.flagged])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
