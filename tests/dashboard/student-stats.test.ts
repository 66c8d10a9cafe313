import { describe, expect, it } from 'vitest';
import { studentStats } from '../../src/dashboard/student-stats.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

function setUp() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const userId = db.run(
    "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('sam', 'Sam', 'x', 'student', 'UTC', 0)",
  ).lastInsertRowid;
  const card = (id: string, topic: string, dueDay: string) => {
    db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES (?, 'basic', ?, 'q', 'a', 'f.md', 1, 1, 0, 0)`,
      [id, topic],
    );
    db.run('INSERT INTO card_states (user_id, card_id, repetitions, interval_days, due_day) VALUES (?, ?, 1, 1, ?)', [userId, id, dueDay]);
  };
  card('d1', 'Docker › Networking', '2026-03-09');
  card('k1', 'Kubernetes › Pods', '2026-03-09');
  card('k2', 'Kubernetes', '2026-03-10');
  card('x1', 'Kubernetes Extras', '2026-03-10');
  return { db, learner: { userId, timeZone: 'UTC' } };
}

describe('a student’s due cards on the class dashboard', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('counts every topic when the class chose none', () => {
    const { db, learner } = setUp();
    expect(studentStats(db, [learner], now, 4).get(learner.userId)).toMatchObject({ due: 4, overdue: 2 });
  });

  it('counts only the class’s chosen topics', () => {
    const { db, learner } = setUp();
    expect(studentStats(db, [learner], now, 4, ['Kubernetes']).get(learner.userId)).toMatchObject({ due: 2, overdue: 1 });
  });
});
