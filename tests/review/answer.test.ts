import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { recordAnswer, undoLastAnswer } from '../../src/review/answer.js';
import { readCardState } from '../../src/review/card-state.js';
import { nextCard, queueCounts } from '../../src/review/queue.js';
import type { Quality } from '../../src/scheduler/sm2.js';
import { seedCards } from '../support/app.js';

function setUp(cards = 3): { db: Database; userId: number; ids: string[] } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  return { db, userId, ids: seedCards(db, cards) };
}

const limits = { newCardsPerDay: 20, reviewsPerDay: 200 };
const answer = (db: Database, userId: number, cardId: string, quality: Quality, today: string) =>
  recordAnswer(db, { userId, cardId, quality, today, now: Date.parse(`${today}T12:00:00Z`), durationMs: 1000 });

describe('answering', () => {
  it('schedules a new card with SM-2 and logs the states before and after', () => {
    const { db, userId, ids } = setUp();
    const outcome = answer(db, userId, ids[0] as string, 4, '2026-03-10');
    expect(outcome.kind).toBe('new');
    expect(readCardState(db, userId, 'c1')).toMatchObject({ repetitions: 1, ease: 250, interval: 1, dueDay: '2026-03-11', introducedDay: '2026-03-10', drillDay: null });
    const log = db.first<Record<string, unknown>>('SELECT * FROM review_log WHERE id = ?', [outcome.logId]);
    expect(log).toMatchObject({ kind: 'new', quality: 4, reps_before: 0, ease_before: 250, reps_after: 1, interval_after: 1, due_after: '2026-03-11', day: '2026-03-10', duration_ms: 1000 });
  });

  it('brings a card graded below 4 back the same day without changing its schedule (SM-2 step 7)', () => {
    const { db, userId } = setUp(1);
    answer(db, userId, 'c1', 3, '2026-03-10');
    const scheduled = readCardState(db, userId, 'c1');
    expect(scheduled).toMatchObject({ repetitions: 1, ease: 236, interval: 1, dueDay: '2026-03-11', drillDay: '2026-03-10' });
    expect(nextCard(db, userId, '2026-03-10', limits)).toMatchObject({ id: 'c1', queue: 'drill' });

    expect(answer(db, userId, 'c1', 2, '2026-03-10').kind).toBe('drill');
    expect(readCardState(db, userId, 'c1')).toEqual(scheduled);
    expect(answer(db, userId, 'c1', 4, '2026-03-10').kind).toBe('drill');
    expect(readCardState(db, userId, 'c1')).toEqual({ ...scheduled, drillDay: null });
    expect(nextCard(db, userId, '2026-03-10', limits)).toBeUndefined();
    expect(db.all('SELECT kind FROM review_log ORDER BY id')).toEqual([{ kind: 'new' }, { kind: 'drill' }, { kind: 'drill' }]);
  });

  it('forgets a drill left unfinished when the day is over', () => {
    const { db, userId } = setUp(1);
    answer(db, userId, 'c1', 1, '2026-03-10');
    expect(nextCard(db, userId, '2026-03-11', limits)).toMatchObject({ id: 'c1', queue: 'review' });
    expect(answer(db, userId, 'c1', 5, '2026-03-11').kind).toBe('review');
  });

  it('refuses a card that is not due, and changes nothing', () => {
    const { db, userId } = setUp(1);
    answer(db, userId, 'c1', 5, '2026-03-10');
    const before = readCardState(db, userId, 'c1');
    expect(() => answer(db, userId, 'c1', 5, '2026-03-10')).toThrow(/not due today/);
    expect(readCardState(db, userId, 'c1')).toEqual(before);
    expect(db.first<{ n: number }>('SELECT count(*) AS n FROM review_log')?.n).toBe(1);
  });

  it('undoes the last answer, restoring the card and marking the log row', () => {
    const { db, userId } = setUp(2);
    answer(db, userId, 'c1', 5, '2026-03-10');
    answer(db, userId, 'c2', 1, '2026-03-10');
    expect(undoLastAnswer(db, userId, 1)).toBe('c2');
    expect(readCardState(db, userId, 'c2')).toMatchObject({ repetitions: 0, dueDay: null, drillDay: null, introducedDay: null });
    expect(nextCard(db, userId, '2026-03-10', limits)).toMatchObject({ id: 'c2', queue: 'new' });
    expect(undoLastAnswer(db, userId, 2)).toBe('c1');
    expect(undoLastAnswer(db, userId, 3)).toBeUndefined();
    expect(db.all('SELECT undone_at FROM review_log ORDER BY id')).toEqual([{ undone_at: 2 }, { undone_at: 1 }]);
  });
});

describe('the daily queue', () => {
  it('shows due reviews first, then new cards in note order', () => {
    const { db, userId } = setUp(3);
    answer(db, userId, 'c3', 5, '2026-03-09');
    expect(nextCard(db, userId, '2026-03-10', limits)).toMatchObject({ id: 'c3', queue: 'review' });
    answer(db, userId, 'c3', 5, '2026-03-10');
    expect(nextCard(db, userId, '2026-03-10', limits)).toMatchObject({ id: 'c1', queue: 'new' });
  });

  it('introduces at most the daily number of new cards', () => {
    const { db, userId } = setUp(5);
    const small = { newCardsPerDay: 2, reviewsPerDay: 200 };
    expect(queueCounts(db, userId, '2026-03-10', small)).toMatchObject({ new: 2, left: 2 });
    answer(db, userId, 'c1', 5, '2026-03-10');
    answer(db, userId, 'c2', 5, '2026-03-10');
    expect(nextCard(db, userId, '2026-03-10', small)).toBeUndefined();
    expect(queueCounts(db, userId, '2026-03-11', small)).toMatchObject({ due: 2, new: 2, left: 4 });
  });

  it('stops scheduled reviews at the daily review limit', () => {
    const { db, userId } = setUp(3);
    for (const id of ['c1', 'c2', 'c3']) answer(db, userId, id, 5, '2026-03-09');
    const small = { newCardsPerDay: 0, reviewsPerDay: 2 };
    expect(queueCounts(db, userId, '2026-03-10', small)).toMatchObject({ due: 2, left: 2 });
    answer(db, userId, 'c1', 5, '2026-03-10');
    answer(db, userId, 'c2', 5, '2026-03-10');
    expect(nextCard(db, userId, '2026-03-10', small)).toBeUndefined();
  });

  it('keeps learners apart', () => {
    const { db, userId } = setUp(1);
    const other = db.run(
      "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('bo', 'bo', 'x', 'student', 'UTC', 0)",
    ).lastInsertRowid;
    answer(db, userId, 'c1', 5, '2026-03-10');
    expect(nextCard(db, other, '2026-03-10', limits)).toMatchObject({ id: 'c1', queue: 'new' });
    expect(undoLastAnswer(db, other, 1)).toBeUndefined();
  });
});

describe('a class scope of topics', () => {
  it('keeps cards of other topics out of the session and its counts', () => {
    const { db, userId } = setUp(0);
    seedCards(db, 2, 'Docker › Basics');
    db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES ('k1', 'basic', 'Kubernetes › Pods', 'What is a pod?', 'a group of containers', 'k.md', 1, 10, 0, 0),
              ('k2', 'basic', 'Kubernetes', 'What runs pods?', 'the kubelet', 'k.md', 2, 11, 0, 0),
              ('x1', 'basic', 'Kubernetes Extras', 'Not in scope?', 'no', 'x.md', 1, 12, 0, 0)`,
    );
    const scoped = { ...limits, topics: ['Kubernetes'] };
    expect(queueCounts(db, userId, '2026-03-10', scoped)).toMatchObject({ new: 2, left: 2 });
    expect(nextCard(db, userId, '2026-03-10', scoped)).toMatchObject({ id: 'k1' });
    answer(db, userId, 'k1', 5, '2026-03-10');
    answer(db, userId, 'c1', 2, '2026-03-10');
    expect(queueCounts(db, userId, '2026-03-10', scoped)).toMatchObject({ new: 1, drill: 0, left: 1 });
    expect(nextCard(db, userId, '2026-03-10', scoped)).toMatchObject({ id: 'k2' });
    expect(queueCounts(db, userId, '2026-03-11', scoped)).toMatchObject({ due: 1 });
    expect(queueCounts(db, userId, '2026-03-10', limits)).toMatchObject({ new: 3, drill: 1 });
  });
});

describe('quiz answers', () => {
  const quiz = (db: Database, userId: number, cardId: string, quality: Quality, today: string) =>
    recordAnswer(db, { userId, cardId, quality, today, now: 1, durationMs: 1, source: 'quiz' });

  it('do not stretch the interval of a card that is not due yet, however often it is quizzed', () => {
    const { db, userId } = setUp(1);
    quiz(db, userId, 'c1', 5, '2026-03-10');
    const first = readCardState(db, userId, 'c1');
    expect(first).toMatchObject({ repetitions: 1, interval: 1, dueDay: '2026-03-11' });
    for (let i = 0; i < 3; i++) quiz(db, userId, 'c1', 5, '2026-03-10');
    expect(readCardState(db, userId, 'c1')).toEqual(first);
    expect(db.all("SELECT kind FROM review_log WHERE card_id = 'c1'")).toHaveLength(4);
  });

  it('reset a card that is not due when the answer is wrong', () => {
    const { db, userId } = setUp(1);
    answer(db, userId, 'c1', 5, '2026-03-09');
    answer(db, userId, 'c1', 5, '2026-03-10');
    expect(readCardState(db, userId, 'c1')).toMatchObject({ repetitions: 2, dueDay: '2026-03-16' });
    quiz(db, userId, 'c1', 1, '2026-03-11');
    expect(readCardState(db, userId, 'c1')).toMatchObject({ repetitions: 0, interval: 1, dueDay: '2026-03-12' });
  });
});

describe('answers outside a class scope', () => {
  it('are refused and change nothing', () => {
    const { db, userId } = setUp(1);
    expect(() =>
      recordAnswer(db, { userId, cardId: 'c1', quality: 5, now: 1, today: '2026-03-10', durationMs: 1, limits: { ...limits, topics: ['Kubernetes'] } }),
    ).toThrow('That card is not part of the topics your class is working on.');
    expect(db.first('SELECT count(*) AS n FROM review_log')).toEqual({ n: 0 });
  });
});
