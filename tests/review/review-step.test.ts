import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { recordAnswer } from '../../src/review/answer.js';
import { reviewStep } from '../../src/review/review-step.js';
import type { Quality } from '../../src/scheduler/sm2.js';
import { seedCards } from '../support/app.js';

function setUp(cards: number): { db: Database; userId: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  seedCards(db, cards);
  return { db, userId };
}

const limits = { newCardsPerDay: 20, reviewsPerDay: 200 };
const answer = (db: Database, userId: number, cardId: string, quality: Quality, today: string) =>
  recordAnswer(db, { userId, cardId, quality, today, now: Date.parse(`${today}T12:00:00Z`), durationMs: 1000 });
const ids = (step: ReturnType<typeof reviewStep>) => [step.current?.card.id ?? null, step.after?.card.id ?? null];

describe('the review step: the card on screen and the one after it', () => {
  it('follows the queue: due reviews, then new cards, then today’s drills', () => {
    const { db, userId } = setUp(3);
    answer(db, userId, 'c2', 5, '2026-03-09');
    answer(db, userId, 'c3', 1, '2026-03-10');
    // c2 is due today, c1 is new, c3 is a drill after its Again.
    expect(ids(reviewStep(db, userId, '2026-03-10', limits))).toEqual(['c2', 'c1']);
    answer(db, userId, 'c2', 4, '2026-03-10');
    expect(ids(reviewStep(db, userId, '2026-03-10', limits))).toEqual(['c1', 'c3']);
    answer(db, userId, 'c1', 4, '2026-03-10');
    expect(ids(reviewStep(db, userId, '2026-03-10', limits))).toEqual(['c3', null]);
  });

  it('counts the card on screen against the review limit', () => {
    const { db, userId } = setUp(3);
    for (const id of ['c1', 'c2', 'c3']) answer(db, userId, id, 5, '2026-03-09');
    expect(ids(reviewStep(db, userId, '2026-03-10', { newCardsPerDay: 20, reviewsPerDay: 2 }))).toEqual(['c1', 'c2']);
    expect(ids(reviewStep(db, userId, '2026-03-10', { newCardsPerDay: 20, reviewsPerDay: 1 }))).toEqual(['c1', null]);
  });

  it('gives each card its buttons and the reason their intervals coincide', () => {
    const { db, userId } = setUp(2);
    const step = reviewStep(db, userId, '2026-03-10', limits);
    expect(step.current?.buttons.map((b) => b.label)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    expect(step.after?.intervalNote).toMatch(/^New card/);
    expect(step.counts).toEqual({ due: 0, new: 2, drill: 0, left: 2 });
  });
});
