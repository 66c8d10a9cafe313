import { describe, expect, it } from 'vitest';
import { staticChallengeCatalog } from '../../src/classes/challenge-catalog.js';
import { ClassService } from '../../src/classes/class-service.js';
import { StudentAccounts } from '../../src/classes/student-accounts.js';
import { classDashboard, type DashboardSources } from '../../src/dashboard/class-dashboard.js';
import { attemptsCsv, matrixCsv, studentsCsv } from '../../src/dashboard/csv-exports.js';
import { liveSandboxes } from '../../src/dashboard/live-sandboxes.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

const NOW = new Date('2026-03-10T12:00:00Z'); // learner day 2026-03-10 in UTC

function answer(db: Database, userId: number, day: string, quality: number, repsBefore: number, kind = 'review', undone: number | null = null) {
  db.run(
    `INSERT INTO review_log (user_id, card_id, kind, quality, answered_at, day, duration_ms, reps_before, ease_before, interval_before,
                             reps_after, ease_after, interval_after, undone_at)
     VALUES (?, 'c1', ?, ?, 0, ?, 1000, ?, 250, 1, 1, 250, 1, ?)`,
    [userId, kind, quality, day, repsBefore, undone],
  );
}

function setup() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'Ada', 'x', 'instructor', 'UTC', 0)`);
  db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('sam', '=Sam, "the" hacker', 'x', 'student', 'UTC', 0)`);
  db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('zoe', 'Zoe', 'x', 'student', 'UTC', 0)`);
  db.run(`INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at) VALUES ('c1', 'basic', 'Docker', 'q', 'a', 'f.md', 1, 1, 0, 0)`);
  db.run(`INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at) VALUES ('c2', 'basic', 'Docker', 'q', 'a', 'f.md', 2, 2, 0, 0)`);
  const classes = new ClassService(db);
  const cls = classes.create('Intro', { userId: 1, now: 0 });
  classes.addMember(cls.id, 2, 0);
  classes.addMember(cls.id, 3, 0);
  classes.setContent(cls.id, { topics: [], challenges: [{ challengeId: 'run-detached', dueDay: '2026-03-05' }, { challengeId: 'publish-port', dueDay: null }] }, { userId: 1, now: 0 });
  const sources: DashboardSources = {
    db,
    classes,
    students: new StudentAccounts(db),
    catalog: staticChallengeCatalog([{ id: 'run-detached', title: 'Run detached', topic: 'Docker' }]),
    sandboxes: liveSandboxes({ db, clock: () => NOW }),
    rolloverHour: 4,
  };
  return { db, cls, sources };
}

describe('class dashboard', () => {
  it('computes reviews, retention, due, streak and quiz scores per student', () => {
    const { db, cls, sources } = setup();
    // Sam: answered today and the two days before (a 3-day streak), nothing on 03-07, more earlier.
    answer(db, 2, '2026-03-10', 5, 2);
    answer(db, 2, '2026-03-09', 2, 1);
    answer(db, 2, '2026-03-08', 4, 0); // first sight: not counted in retention
    answer(db, 2, '2026-03-08', 1, 3, 'review', 123); // undone: does not count at all
    answer(db, 2, '2026-03-06', 5, 1, 'quiz');
    answer(db, 2, '2026-03-06', 1, 1, 'quiz');
    answer(db, 2, '2026-03-01', 5, 4); // outside the 7-day window, inside the 30-day one
    db.run(`INSERT INTO card_states (user_id, card_id, due_day) VALUES (2, 'c1', '2026-03-08'), (2, 'c2', '2026-03-10'), (3, 'c1', '2026-03-11')`);
    const d = classDashboard(sources, cls, NOW);
    const sam = d.rows.find((r) => r.student.username === 'sam')?.stats;
    expect(sam).toMatchObject({
      reviewsLast7Days: 5,
      retention: { answers: 5, passed: 3 },
      due: 2,
      overdue: 1,
      streak: 3,
      quiz: { answers: 2, passed: 1, share: 0.5 },
    });
    expect(d.rows.find((r) => r.student.username === 'zoe')?.stats).toMatchObject({ reviewsLast7Days: 0, retention: { share: null }, due: 0, streak: 0 });
  });

  it('keeps a streak that started before the window and is still open today', () => {
    const { db, cls, sources } = setup();
    for (let i = 1; i <= 45; i++) answer(db, 3, new Date(Date.UTC(2026, 2, 10 - i)).toISOString().slice(0, 10), 4, 1);
    expect(classDashboard(sources, cls, NOW).rows.find((r) => r.student.username === 'zoe')?.stats.streak).toBe(45);
  });

  it('builds the matrix and exports it as CSV', () => {
    const { db, cls, sources } = setup();
    const at = Date.parse('2026-03-09T10:00:00Z');
    const attempt = (userId: number, challenge: string, status: string, hints: number, passedAt: number | null, endedAt: number | null) =>
      db.run(`INSERT INTO challenge_attempts (user_id, challenge_id, driver, sandbox, started_at, ended_at, status, hints_used, passed_at) VALUES (?, ?, 'host', '{}', ?, ?, ?, ?, ?)`,
        [userId, challenge, at, endedAt, status, hints, passedAt]);
    attempt(2, 'run-detached', 'gave_up', 2, null, at + 1);
    attempt(2, 'run-detached', 'passed', 1, at + 300_000, at + 400_000);
    attempt(3, 'publish-port', 'active', 0, null, null);
    const d = classDashboard(sources, cls, NOW);
    expect(d.columns.map((c) => [c.challengeId, c.title, c.passed])).toEqual([['run-detached', 'Run detached', 1], ['publish-port', 'publish-port', 0]]);
    expect(d.rows[0]?.cells[0]).toEqual({ state: 'passed', attempts: 2, hintsUsed: 3, timeTakenMs: 300_000, passedAt: at + 300_000, active: false, late: true });
    expect(d.rows[1]?.cells.map((c) => c.state)).toEqual(['not_started', 'in_progress']);
    expect(d.rows[1]?.cells[0]?.late).toBe(true); // due 03-05, not passed by 03-10
    expect(d.sandboxes.map((s) => [s.displayName, s.label])).toEqual([['Zoe', 'publish-port']]);
    expect(matrixCsv(d)).toBe(
      'student,username,passed,run-detached,publish-port\r\n' +
      `"'=Sam, ""the"" hacker",sam,1,passed,not started\r\n` +
      'Zoe,zoe,0,not started,in progress\r\n',
    );
    expect(attemptsCsv(d).split('\r\n')[1]).toBe(`"'=Sam, ""the"" hacker",sam,run-detached,2026-03-05,passed,2,3,300,2026-03-09T10:05:00.000Z,yes`);
    expect(studentsCsv(d).split('\r\n')[0]).toBe('student,username,email,reviews_last_7_days,retention_pct,retention_answers,due,overdue,streak_days,quiz_pct,quiz_answers,challenges_passed');
  });
});
