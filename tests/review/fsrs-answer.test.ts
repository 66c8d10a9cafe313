import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { recordAnswer, undoLastAnswer } from '../../src/review/answer.js';
import { readCardState } from '../../src/review/card-state.js';
import { regradeAnswer } from '../../src/review/regrade.js';
import { fsrsMemoryFromLog } from '../../src/review/fsrs-memory.js';
import { reviewStep } from '../../src/review/review-step.js';
import { saveScheduler, schedulerOf } from '../../src/review/study-options.js';
import { fsrsNext } from '../../src/scheduler/fsrs.js';
import type { Quality } from '../../src/scheduler/sm2.js';
import { seedCards } from '../support/app.js';

function setUp(): { db: Database; userId: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  seedCards(db, 2);
  return { db, userId };
}

const limits = { newCardsPerDay: 20, reviewsPerDay: 200 };
const answer = (db: Database, userId: number, cardId: string, quality: Quality, today: string) =>
  recordAnswer(db, { userId, cardId, quality, today, now: Date.parse(`${today}T12:00:00Z`), durationMs: 1000, limits });
const logOf = (db: Database, id: number) => db.first('SELECT scheduler, interval_after, due_after FROM review_log WHERE id = ?', [id]);

describe('choosing FSRS', () => {
  it('leaves SM-2 the default, exactly, while keeping FSRS’s memory beside it', () => {
    const { db, userId } = setUp();
    expect(schedulerOf(db, userId)).toEqual({ kind: 'sm2' });
    const outcome = answer(db, userId, 'c1', 5, '2026-03-10');
    expect(logOf(db, outcome.logId)).toEqual({ scheduler: 'sm2', interval_after: 1, due_after: '2026-03-11' });
    const state = readCardState(db, userId, 'c1');
    expect(state).toMatchObject({ repetitions: 1, ease: 260, interval: 1 });
    expect(state.fsrs).toEqual(fsrsNext(null, 5, '2026-03-10', 0.9).memory);
  });

  it('schedules with FSRS once chosen, logs it, and keeps SM-2’s n and EF moving for a switch back', () => {
    const { db, userId } = setUp();
    saveScheduler(db, userId, 'fsrs', 0.9);
    const first = answer(db, userId, 'c1', 5, '2026-03-10');
    // FSRS-6 at 0.9: Easy on a new card is 8 days (SM-2 would say 1).
    expect(logOf(db, first.logId)).toEqual({ scheduler: 'fsrs', interval_after: 8, due_after: '2026-03-18' });
    expect(readCardState(db, userId, 'c1')).toMatchObject({ repetitions: 1, ease: 260, interval: 8, dueDay: '2026-03-18' });

    saveScheduler(db, userId, 'sm2', 0.9);
    const second = answer(db, userId, 'c1', 4, '2026-03-18');
    // SM-2 goes on from n = 1: 6 days, EF unchanged by a 4.
    expect(logOf(db, second.logId)).toEqual({ scheduler: 'sm2', interval_after: 6, due_after: '2026-03-24' });
    const state = readCardState(db, userId, 'c1');
    expect(state).toMatchObject({ repetitions: 2, ease: 260 });
    expect(state.fsrs?.lastReviewDay).toBe('2026-03-18');
  });

  it('rebuilds FSRS’s memory from the review log for a card answered before FSRS existed', () => {
    const { db, userId } = setUp();
    answer(db, userId, 'c1', 4, '2026-03-10');
    answer(db, userId, 'c1', 4, '2026-03-11');
    // As a database from before migration 022 has it: history, no FSRS memory.
    db.run('UPDATE card_states SET fsrs_stability = NULL, fsrs_difficulty = NULL, fsrs_last_review = NULL');
    expect(readCardState(db, userId, 'c1').fsrs).toBeNull();
    const replayed = fsrsNext(fsrsNext(null, 4, '2026-03-10', 0.9).memory, 4, '2026-03-11', 0.9).memory;
    expect(fsrsMemoryFromLog(db, userId, 'c1')).toEqual(replayed);

    saveScheduler(db, userId, 'fsrs', 0.9);
    const outcome = answer(db, userId, 'c1', 4, '2026-03-17');
    const expected = fsrsNext(replayed, 4, '2026-03-17', 0.9);
    expect(readCardState(db, userId, 'c1')).toMatchObject({ interval: expected.interval, fsrs: expected.memory });
    expect(logOf(db, outcome.logId)).toMatchObject({ scheduler: 'fsrs', interval_after: expected.interval });
  });

  it('keeps a card’s FSRS memory unknown under SM-2 until FSRS needs it, and SM-2 exact', () => {
    const { db, userId } = setUp();
    answer(db, userId, 'c1', 4, '2026-03-10');
    db.run('UPDATE card_states SET fsrs_stability = NULL, fsrs_difficulty = NULL, fsrs_last_review = NULL');
    answer(db, userId, 'c1', 4, '2026-03-11');
    expect(readCardState(db, userId, 'c1')).toMatchObject({ repetitions: 2, interval: 6, fsrs: null });
  });

  it('undo gives the card back its FSRS memory too', () => {
    const { db, userId } = setUp();
    saveScheduler(db, userId, 'fsrs', 0.9);
    answer(db, userId, 'c1', 4, '2026-03-10');
    const before = readCardState(db, userId, 'c1');
    answer(db, userId, 'c1', 4, '2026-03-13');
    expect(readCardState(db, userId, 'c1').fsrs).not.toEqual(before.fsrs);
    undoLastAnswer(db, userId, Date.parse('2026-03-13T12:01:00Z'));
    expect(readCardState(db, userId, 'c1')).toEqual(before);
  });

  it('shows on the buttons the intervals FSRS would give, at the learner’s retention', () => {
    const { db, userId } = setUp();
    saveScheduler(db, userId, 'fsrs', 0.8);
    const step = reviewStep(db, userId, '2026-03-10', limits);
    expect(step.current?.buttons.map((b) => b.days)).toEqual([1, 4, 8, 28]);
    expect(step.current?.buttons.map((b) => b.next)).toEqual(['1 day · again today', '4 days · again today', '8 days', '28 days']);
    expect(step.current?.intervalNote).toBeNull();
    const outcome = answer(db, userId, 'c1', 5, '2026-03-10');
    expect(logOf(db, outcome.logId)).toMatchObject({ interval_after: 28 });
  });
});

describe('correcting a quiz grade ("I was right")', () => {
  it('gives the card back its FSRS memory from before the answer, then records the new grade', () => {
    const { db, userId } = setUp();
    saveScheduler(db, userId, 'fsrs', 0.9);
    const quiz = recordAnswer(db, { userId, cardId: 'c1', quality: 1, today: '2026-03-10', now: Date.parse('2026-03-10T12:00:00Z'), durationMs: 1000, source: 'quiz' });
    regradeAnswer(db, { userId, logId: quiz.logId, quality: 4, now: Date.parse('2026-03-10T12:01:00Z') });
    const expected = fsrsNext(null, 4, '2026-03-10', 0.9);
    expect(readCardState(db, userId, 'c1')).toMatchObject({ interval: expected.interval, fsrs: expected.memory });
  });
});
