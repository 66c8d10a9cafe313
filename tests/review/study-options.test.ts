import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { queueCounts } from '../../src/review/queue.js';
import { saveStudyOptions, studyOptionsFor } from '../../src/review/study-options.js';
import { seedCards } from '../support/app.js';

function setUp() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  seedCards(db, 12);
  return { db, userId };
}

const server = { newCardsPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 };

describe('study options', () => {
  it('are the server’s settings, read at each call, until the learner saves their own', () => {
    const { db, userId } = setUp();
    expect(studyOptionsFor(db, userId, server)).toEqual(server);
    expect(studyOptionsFor(db, userId, { ...server, newCardsPerDay: 5 }).newCardsPerDay).toBe(5);
    saveStudyOptions(db, userId, { newCardsPerDay: 4, reviewsPerDay: 0, rolloverHour: 0 });
    expect(studyOptionsFor(db, userId, server)).toEqual({ newCardsPerDay: 4, reviewsPerDay: 0, rolloverHour: 0 });
    saveStudyOptions(db, userId, { newCardsPerDay: 6, reviewsPerDay: 10, rolloverHour: 23 });
    expect(studyOptionsFor(db, userId, server)).toEqual({ newCardsPerDay: 6, reviewsPerDay: 10, rolloverHour: 23 });
  });

  it('are one learner’s: another learner keeps the server’s', () => {
    const { db, userId } = setUp();
    const other = db.run(
      "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('bo', 'bo', 'x', 'student', 'UTC', 0)",
    ).lastInsertRowid;
    saveStudyOptions(db, userId, { newCardsPerDay: 4, reviewsPerDay: 0, rolloverHour: 0 });
    expect(studyOptionsFor(db, other, server)).toEqual(server);
  });

  it('limit the queue’s new cards', () => {
    const { db, userId } = setUp();
    saveStudyOptions(db, userId, { newCardsPerDay: 4, reviewsPerDay: 0, rolloverHour: 0 });
    const options = studyOptionsFor(db, userId, server);
    expect(queueCounts(db, userId, '2026-03-10', options)).toMatchObject({ new: 4, due: 0, left: 4 });
  });

  it('are refused by the table outside their bounds', () => {
    const { db, userId } = setUp();
    expect(() => saveStudyOptions(db, userId, { newCardsPerDay: 4, reviewsPerDay: 0, rolloverHour: 24 })).toThrow(/CHECK/);
  });
});
