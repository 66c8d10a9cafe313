import { beforeEach, describe, expect, it } from 'vitest';
import { setSuspended } from '../../src/browse/suspend.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { readCardState } from '../../src/review/card-state.js';
import { nextCard } from '../../src/review/queue.js';

let db: Database;
const LIMITS = { newCardsPerDay: 20, reviewsPerDay: 200 };

function addUser(name: string): number {
  return db.run(
    `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`,
    [name, name],
  ).lastInsertRowid;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  migrateDatabase(db);
  db.run(
    `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
     VALUES ('c1', 'basic', 'Docker', 'Q', 'A', 'n.md', 1, 1, 0, 0)`,
  );
});

describe('setSuspended', () => {
  it('gives a never-seen card a state row that is new and suspended', () => {
    const ada = addUser('ada');
    expect(setSuspended(db, ada, 'c1', true)).toBe(true);
    const row = db.first<{ due_day: string | null; suspended: number }>(
      'SELECT due_day, suspended FROM card_states WHERE user_id = ? AND card_id = ?',
      [ada, 'c1'],
    );
    expect(row).toEqual({ due_day: null, suspended: 1 });
    expect(nextCard(db, ada, '2026-03-10', LIMITS)).toBeUndefined();
  });

  it('keeps the schedule across suspend and unsuspend', () => {
    const ada = addUser('ada');
    db.run(`INSERT INTO card_states (user_id, card_id, repetitions, easiness, interval_days, due_day) VALUES (?, 'c1', 2, 260, 6, '2026-03-09')`, [ada]);
    setSuspended(db, ada, 'c1', true);
    expect(nextCard(db, ada, '2026-03-10', LIMITS)).toBeUndefined();
    setSuspended(db, ada, 'c1', false);
    expect(readCardState(db, ada, 'c1')).toMatchObject({ repetitions: 2, ease: 260, interval: 6, dueDay: '2026-03-09', suspended: false });
    expect(nextCard(db, ada, '2026-03-10', LIMITS)?.id).toBe('c1');
  });

  it('only touches the given learner’s state', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    setSuspended(db, ada, 'c1', true);
    expect(readCardState(db, bob, 'c1').suspended).toBe(false);
    expect(nextCard(db, bob, '2026-03-10', LIMITS)?.id).toBe('c1');
  });

  it('reports no change when the card is already in that state', () => {
    const ada = addUser('ada');
    expect(setSuspended(db, ada, 'c1', false)).toBe(false);
    expect(db.first('SELECT 1 FROM card_states')).toBeUndefined();
  });

  it('refuses a card that does not exist', () => {
    const ada = addUser('ada');
    expect(() => setSuspended(db, ada, 'nope', true)).toThrow('That card does not exist.');
  });
});
