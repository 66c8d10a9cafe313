import { beforeEach, describe, expect, it } from 'vitest';
import { applyCardAction } from '../../src/browse/card-actions.js';
import { cardDetail } from '../../src/browse/card-detail.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

let db: Database;

function addUser(name: string): number {
  return db.run(
    `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`,
    [name, name],
  ).lastInsertRowid;
}

function addCard(id: string): void {
  db.run(
    `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
     VALUES (?, 'basic', 'Docker', ?, ?, 'notes.md', 3, 1, 0, 0)`,
    [id, `Prompt ${id}`, `Answer ${id}`],
  );
}

function addLog(userId: number, cardId: string, log: { at: number; quality: number; interval: number; undone?: boolean; corrects?: number }): number {
  return db.run(
    `INSERT INTO review_log (user_id, card_id, kind, quality, answered_at, day, duration_ms, reps_before, ease_before, interval_before,
                             reps_after, ease_after, interval_after, undone_at, corrects_id)
     VALUES (?, ?, 'review', ?, ?, '2026-03-10', 1000, 1, 250, 1, 2, 250, ?, ?, ?)`,
    [userId, cardId, log.quality, log.at, log.interval, log.undone ? log.at + 1 : null, log.corrects ?? null],
  ).lastInsertRowid;
}

const suspendedRows = () => db.all('SELECT user_id, card_id, suspended, due_day FROM card_states ORDER BY user_id, card_id');

beforeEach(() => {
  db = openDatabase(':memory:');
  migrateDatabase(db);
});

describe('applyCardAction', () => {
  it('suspends many cards at once, keeping their schedule, and counts only the ones that changed', () => {
    const ada = addUser('ada');
    for (const id of ['a', 'b', 'c']) addCard(id);
    db.run(`INSERT INTO card_states (user_id, card_id, interval_days, easiness, due_day) VALUES (?, 'b', 6, 236, '2026-03-12')`, [ada]);
    expect(applyCardAction(db, ada, ['a', 'b', 'a'], 'suspend', 1)).toBe(2);
    expect(applyCardAction(db, ada, ['a', 'c'], 'suspend', 1)).toBe(1);
    expect(suspendedRows()).toEqual([
      { user_id: ada, card_id: 'a', suspended: 1, due_day: null },
      { user_id: ada, card_id: 'b', suspended: 1, due_day: '2026-03-12' },
      { user_id: ada, card_id: 'c', suspended: 1, due_day: null },
    ]);
    expect(applyCardAction(db, ada, ['b'], 'unsuspend', 1)).toBe(1);
    expect(db.first('SELECT suspended, due_day, interval_days FROM card_states WHERE card_id = ?', ['b'])).toEqual({
      suspended: 0,
      due_day: '2026-03-12',
      interval_days: 6,
    });
  });

  it('changes nothing when one of the cards does not exist', () => {
    const ada = addUser('ada');
    addCard('a');
    expect(() => applyCardAction(db, ada, ['a', 'gone'], 'suspend', 1)).toThrow('Card gone does not exist; nothing was changed.');
    expect(() => applyCardAction(db, ada, ['a', 'gone'], 'flag', 1)).toThrow(/gone/);
    expect(suspendedRows()).toEqual([]);
    expect(db.all('SELECT * FROM card_flags')).toEqual([]);
  });

  it('flags once and keeps the first time on a second flag', () => {
    const ada = addUser('ada');
    addCard('a');
    expect(applyCardAction(db, ada, ['a'], 'flag', 10)).toBe(1);
    expect(applyCardAction(db, ada, ['a'], 'flag', 20)).toBe(0);
    expect(db.all('SELECT user_id, card_id, flagged_at FROM card_flags')).toEqual([{ user_id: ada, card_id: 'a', flagged_at: 10 }]);
    expect(applyCardAction(db, ada, ['a'], 'unflag', 30)).toBe(1);
    expect(db.all('SELECT * FROM card_flags')).toEqual([]);
  });
});

describe('cardDetail', () => {
  it('lists the learner’s live answers, newest first, and none of another learner’s', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    addCard('a');
    addLog(ada, 'a', { at: 100, quality: 4, interval: 1 });
    const wrong = addLog(ada, 'a', { at: 200, quality: 1, interval: 1, undone: true });
    addLog(ada, 'a', { at: 300, quality: 4, interval: 6, corrects: wrong });
    addLog(bob, 'a', { at: 400, quality: 5, interval: 1 });
    expect(cardDetail(db, ada, 'a').history.map((h) => [h.answeredAt, h.quality, h.intervalAfter, h.correction])).toEqual([
      [300, 4, 6, true],
      [100, 4, 1, false],
    ]);
    expect(cardDetail(db, bob, 'a').history.map((h) => h.answeredAt)).toEqual([400]);
  });

  it('reads the history through the learner’s index, never the whole log', () => {
    const plan = db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT answered_at FROM review_log WHERE user_id = ? AND undone_at IS NULL AND card_id = ? ORDER BY answered_at DESC, id DESC`,
      [1, 'a'],
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX review_log_live/);
  });

  it('shows the learner’s edit with the notes’ text beside it, and their flag and suspension', () => {
    const ada = addUser('ada');
    const bob = addUser('bob');
    addCard('a');
    db.run(`INSERT INTO card_overrides (user_id, card_id, answer, edited_at) VALUES (?, 'a', 'My answer', 1)`, [ada]);
    applyCardAction(db, ada, ['a'], 'flag', 1);
    applyCardAction(db, ada, ['a'], 'suspend', 1);
    expect(cardDetail(db, ada, 'a')).toMatchObject({
      prompt: 'Prompt a',
      answer: 'My answer',
      original: { prompt: 'Prompt a', answer: 'Answer a' },
      sourceFile: 'notes.md',
      sourceLine: 3,
      flagged: true,
      state: { suspended: true, dueDay: null },
    });
    expect(cardDetail(db, bob, 'a')).toMatchObject({ answer: 'Answer a', original: null, flagged: false, state: { suspended: false } });
  });

  it('is a 404 for a card that does not exist', () => {
    const ada = addUser('ada');
    expect(() => cardDetail(db, ada, 'nope')).toThrow('That card does not exist.');
  });
});
