import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { answersPerDay, dueForecast, retention, statsTotals } from '../../src/stats/stats-queries.js';

const TODAY = '2026-03-10';
let db: Database;

function addUser(name: string): number {
  return db.run(
    `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`,
    [name, name],
  ).lastInsertRowid;
}

function addCard(id: string, retired = false): void {
  db.run(
    `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, retired_at, created_at, updated_at)
     VALUES (?, 'basic', 'Docker', ?, 'A', 'n.md', 1, 0, ?, 0, 0)`,
    [id, `Q ${id}`, retired ? 1 : null],
  );
}

function addState(userId: number, cardId: string, dueDay: string | null, suspended = false): void {
  db.run(`INSERT INTO card_states (user_id, card_id, interval_days, due_day, suspended) VALUES (?, ?, 1, ?, ?)`, [
    userId, cardId, dueDay, suspended ? 1 : 0,
  ]);
}

function addAnswer(userId: number, day: string, quality: number, opts: { undone?: boolean; durationMs?: number } = {}): void {
  db.run(
    `INSERT INTO review_log (user_id, card_id, kind, quality, answered_at, day, duration_ms, reps_before, ease_before,
       interval_before, reps_after, ease_after, interval_after, undone_at)
     VALUES (?, 'c1', 'review', ?, 0, ?, ?, 0, 250, 0, 1, 250, 1, ?)`,
    [userId, quality, day, opts.durationMs ?? 1000, opts.undone ? 1 : null],
  );
}

beforeEach(() => {
  db = openDatabase(':memory:');
  migrateDatabase(db);
  addCard('c1');
});

describe('retention', () => {
  it('is the share of answers graded 3 or more over the last 30 days', () => {
    const ada = addUser('ada');
    addAnswer(ada, TODAY, 5);
    addAnswer(ada, TODAY, 3);
    addAnswer(ada, '2026-02-09', 4); // 29 days ago: inside the window
    addAnswer(ada, '2026-03-01', 2);
    expect(retention(db, ada, TODAY)).toEqual({ answers: 4, passed: 3, share: 0.75 });
  });

  it('leaves out answers older than 30 days and undone answers', () => {
    const ada = addUser('ada');
    addAnswer(ada, TODAY, 5);
    addAnswer(ada, '2026-02-08', 0); // 30 days ago: outside
    addAnswer(ada, '2025-12-01', 0);
    addAnswer(ada, TODAY, 1, { undone: true });
    expect(retention(db, ada, TODAY)).toEqual({ answers: 1, passed: 1, share: 1 });
  });

  it('counts only the learner’s own answers, and has no share without answers', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    addAnswer(bob, TODAY, 0);
    expect(retention(db, ada, TODAY)).toEqual({ answers: 0, passed: 0, share: null });
  });
});

describe('dueForecast', () => {
  it('counts overdue cards on today and each later card on its due day', () => {
    const ada = addUser('ada');
    for (const id of ['c2', 'c3', 'c4', 'c5', 'c6']) addCard(id);
    addState(ada, 'c1', '2026-03-01'); // overdue
    addState(ada, 'c2', TODAY);
    addState(ada, 'c3', '2026-03-12');
    addState(ada, 'c4', '2026-04-08'); // the 30th day
    addState(ada, 'c5', '2026-04-09'); // beyond the window
    addState(ada, 'c6', null); // new
    const forecast = dueForecast(db, ada, TODAY);
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toBe(2);
    expect(forecast[2]).toBe(1);
    expect(forecast[29]).toBe(1);
    expect(forecast.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('leaves out suspended, retired and other learners’ cards', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    addCard('gone', true);
    addCard('c2');
    addState(ada, 'c1', TODAY, true);
    addState(ada, 'gone', TODAY);
    addState(bob, 'c2', TODAY);
    expect(dueForecast(db, ada, TODAY).every((n) => n === 0)).toBe(true);
  });
});

describe('answersPerDay and statsTotals', () => {
  it('count live answers per day and in all, with the mean time per answer', () => {
    const ada = addUser('ada');
    addAnswer(ada, TODAY, 4, { durationMs: 2000 });
    addAnswer(ada, TODAY, 4, { durationMs: 4000 });
    addAnswer(ada, '2026-03-09', 4, { durationMs: 6000 });
    addAnswer(ada, TODAY, 4, { undone: true, durationMs: 60_000 });
    addState(ada, 'c1', '2026-03-11');
    expect(answersPerDay(db, ada, '2026-03-01', TODAY)).toEqual(new Map([['2026-03-09', 1], [TODAY, 2]]));
    expect(statsTotals(db, ada)).toEqual({ answers: 3, cardsLearned: 1, averageMs: 4000 });
  });

  it('are empty for a learner with no history', () => {
    const ada = addUser('ada');
    expect(answersPerDay(db, ada, '2026-03-01', TODAY).size).toBe(0);
    expect(statsTotals(db, ada)).toEqual({ answers: 0, cardsLearned: 0, averageMs: null });
  });
});
