import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { recordAnswer } from '../../src/review/answer.js';
import { NEW_CARD_STATE, readCardState, writeCardState } from '../../src/review/card-state.js';
import { intervalNote } from '../../src/review/interval-note.js';
import { nextCard, queueCounts, type DailyLimits } from '../../src/review/queue.js';
import { buttonPreviews, elapsedInterval } from '../../src/review/schedule.js';
import { dueThrough, grantExtraNewCards, startReviewAhead, studyMoreOn } from '../../src/review/study-more.js';
import { sm2 } from '../../src/scheduler/sm2.js';
import { seedCards } from '../support/app.js';

const today = '2026-03-10';
const tomorrow = '2026-03-11';

function setUp(): { db: Database; userId: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  seedCards(db, 3);
  return { db, userId };
}

/** c1: learned, I = 6, due tomorrow (last reviewed 5 days ago); c2: answered today, due tomorrow. */
function withCardsDueTomorrow(db: Database, userId: number): void {
  writeCardState(db, userId, 'c1', { ...NEW_CARD_STATE, repetitions: 2, ease: 250, interval: 6, dueDay: tomorrow, introducedDay: '2026-03-01' }, 0);
  writeCardState(db, userId, 'c2', { ...NEW_CARD_STATE, repetitions: 1, ease: 250, interval: 1, dueDay: tomorrow, introducedDay: today }, 0);
}

const noNew: DailyLimits = { newCardsPerDay: 0, reviewsPerDay: 200 };
const ahead: DailyLimits = { ...noNew, dueThrough: tomorrow };
const answer = (db: Database, userId: number, cardId: string, limits: DailyLimits) =>
  recordAnswer(db, { userId, cardId, quality: 4, today, now: Date.parse(`${today}T12:00:00Z`), durationMs: 1000, limits });

describe('study more', () => {
  it('is nothing on a day the learner did not ask, and adds up extra new cards on the day they did', () => {
    const { db, userId } = setUp();
    expect(studyMoreOn(db, userId, today)).toEqual({ extraNew: 0, reviewAhead: false });
    grantExtraNewCards(db, userId, today, 5);
    grantExtraNewCards(db, userId, today, 3);
    startReviewAhead(db, userId, today);
    expect(studyMoreOn(db, userId, today)).toEqual({ extraNew: 8, reviewAhead: true });
    expect(studyMoreOn(db, userId, tomorrow)).toEqual({ extraNew: 0, reviewAhead: false });
    expect(dueThrough(today, studyMoreOn(db, userId, today))).toBe(tomorrow);
    expect(dueThrough(tomorrow, studyMoreOn(db, userId, tomorrow))).toBe(tomorrow);
  });

  it('reviews ahead only cards due tomorrow that were last reviewed before today', () => {
    const { db, userId } = setUp();
    withCardsDueTomorrow(db, userId);
    expect(queueCounts(db, userId, today, noNew)).toMatchObject({ due: 0, left: 0 });
    expect(queueCounts(db, userId, today, ahead)).toMatchObject({ due: 1, left: 1 });
    expect(nextCard(db, userId, today, ahead)).toMatchObject({ id: 'c1', queue: 'review' });
    expect(() => answer(db, userId, 'c2', ahead)).toThrow('That card is not due today');
    expect(() => answer(db, userId, 'c1', noNew)).toThrow('That card is not due today');
  });

  it('schedules a card reviewed ahead with SM-2 on the days that really passed', () => {
    const { db, userId } = setUp();
    withCardsDueTomorrow(db, userId);
    const before = readCardState(db, userId, 'c1');
    expect(elapsedInterval(before, today)).toBe(5);
    // ceil(5 × 2.5) = 13 days, not ceil(6 × 2.5) = 15 as if the full wait had passed.
    expect(sm2({ repetitions: 2, easiness: 2.5, interval: 5 }, 4).interval).toBe(13);
    expect(buttonPreviews(before, today).map((b) => b.days)).toEqual([1, 13, 13, 13]);
    expect(intervalNote(before, today, buttonPreviews(before, today))).toContain('(5 × 2.50; reviewed ahead, 5 days since the last review, not 6)');
    const outcome = answer(db, userId, 'c1', ahead);
    expect(outcome.kind).toBe('review');
    expect(readCardState(db, userId, 'c1')).toMatchObject({ repetitions: 3, ease: 250, interval: 13, dueDay: '2026-03-23' });
    expect(queueCounts(db, userId, today, ahead)).toMatchObject({ due: 0, left: 0 });
  });

  it('leaves SM-2 exact for cards on or after their due day', () => {
    const state = { ...NEW_CARD_STATE, repetitions: 2, ease: 250, interval: 6, dueDay: '2026-03-08' };
    expect(elapsedInterval(state, today)).toBe(6);
    expect(elapsedInterval({ ...state, dueDay: today }, today)).toBe(6);
  });
});
