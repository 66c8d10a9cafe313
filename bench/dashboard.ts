/**
 * Dashboard benchmark: a class of 200 students × 30 challenges with a year of reviews in a file
 * database under .tmp/bench/, served by the real app on a real port. Prints the median and
 * slowest time of the dashboard, its live fragment and its CSV exports next to a trivial page
 * (/healthz) measured in the same run. Run with `npm run bench:dashboard`.
 */
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClassService } from '../src/classes/class-service.js';
import { staticChallengeCatalog } from '../src/classes/challenge-catalog.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { addDays, learnerDay } from '../src/scheduler/day.js';
import { createApp } from '../src/web/app.js';
import { buildDeps } from '../src/web/build-deps.js';
import type { AppDeps } from '../src/web/app-deps.js';

const STUDENTS = 200;
const CHALLENGES = 30;
const CARDS = 400;
const DAYS = 365;
const REVIEWS_PER_DAY = 25;
const RUNS = 15;

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, '.tmp', 'bench', 'dashboard.db');

// A fixed-seed generator: every run seeds the same data, so figures compare across runs.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);

function seedData(db: Database, now: Date): number {
  const today = learnerDay(now, 'UTC', 4);
  const start = now.getTime() - DAYS * 86_400_000;
  db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('teacher', 'Teacher', 'x', 'instructor', 'UTC', 0)`);
  const cls = new ClassService(db).create('Benchmark class', { userId: 1, now: start });
  const challenges = Array.from({ length: CHALLENGES }, (_, i) => ({ challengeId: `challenge-${i + 1}`, dueDay: i % 3 === 0 ? addDays(today, i - 15) : null }));
  new ClassService(db).setContent(cls.id, { topics: [], challenges }, { userId: 1, now: start });
  db.transaction(() => {
    for (let c = 1; c <= CARDS; c++) {
      db.run(`INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
              VALUES (?, 'basic', 'Docker › Basics', 'q', 'a', 'b.md', ?, ?, 0, 0)`, [`c${c}`, c, c]);
    }
  });
  for (let s = 1; s <= STUDENTS; s++) {
    db.transaction(() => {
      const userId = db.run(
        `INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`,
        [`student${s}`, `Student ${s}`],
      ).lastInsertRowid;
      db.run('INSERT INTO class_members (class_id, user_id, joined_at) VALUES (?, ?, 0)', [cls.id, userId]);
      for (let d = 0; d < DAYS; d++) {
        if (random() < 0.15) continue; // skipped days keep streaks realistic
        const day = addDays(today, d - DAYS + 1);
        for (let r = 0; r < REVIEWS_PER_DAY; r++) {
          const card = `c${1 + Math.floor(random() * CARDS)}`;
          const quality = Math.min(5, Math.floor(random() * 6));
          const kind = r % 10 === 0 ? 'quiz' : r % 4 === 0 ? 'new' : 'review';
          db.run(
            `INSERT INTO review_log (user_id, card_id, kind, quality, answered_at, day, duration_ms, reps_before, ease_before,
                                     interval_before, reps_after, ease_after, interval_after, undone_at)
             VALUES (?, ?, ?, ?, ?, ?, 4000, ?, 250, 1, 1, 250, 1, ?)`,
            [userId, card, kind, quality, start + d * 86_400_000, day, kind === 'new' ? 0 : 1 + (r % 5), r === 7 ? 1 : null],
          );
        }
      }
      for (let c = 1; c <= CARDS; c++) {
        db.run(`INSERT INTO card_states (user_id, card_id, repetitions, interval_days, due_day) VALUES (?, ?, 2, 6, ?)`, [
          userId, `c${c}`, addDays(today, Math.floor(random() * 40) - 10),
        ]);
      }
      for (const { challengeId } of challenges) {
        const tries = Math.floor(random() * 4);
        for (let a = 0; a < tries; a++) {
          const startedAt = start + Math.floor(random() * DAYS) * 86_400_000;
          const passed = a === tries - 1 && random() < 0.7;
          db.run(
            `INSERT INTO challenge_attempts (user_id, challenge_id, driver, sandbox, started_at, ended_at, status, hints_used, checks_run, passed_at)
             VALUES (?, ?, 'host', '{}', ?, ?, ?, ?, 3, ?)`,
            [userId, challengeId, startedAt, startedAt + 900_000, passed ? 'passed' : 'gave_up', Math.floor(random() * 3), passed ? startedAt + 600_000 : null],
          );
        }
      }
    });
  }
  return cls.id;
}

async function time(url: string, cookie: string): Promise<{ median: number; max: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    if (!response.ok) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
    if (i >= 2) times.push(performance.now() - t0); // the first two warm caches and the JIT
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0, bytes };
}

async function main(): Promise<void> {
  // --reuse keeps the seeded file of an earlier run (seeding takes about half a minute).
  const reuse = process.argv.includes('--reuse') && existsSync(file);
  if (!reuse) rmSync(join(root, '.tmp', 'bench'), { recursive: true, force: true });
  const db = openDatabase(file);
  migrateDatabase(db);
  const now = new Date();
  const seedStart = performance.now();
  const classId = reuse ? 1 : seedData(db, now);
  const reviews = db.first<{ n: number }>('SELECT count(*) AS n FROM review_log')?.n ?? 0;
  db.raw.exec('ANALYZE');
  console.log(`seeded ${STUDENTS} students × ${CHALLENGES} challenges, ${reviews.toLocaleString('en')} reviews in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const config = loadConfig({ DECKHAND_TIME_ZONE: 'UTC', DECKHAND_DB: file });
  const base = buildDeps({ db, config, clock: () => new Date(), logger: createLogger('silent') });
  const deps: AppDeps = {
    ...base,
    challengeCatalog: staticChallengeCatalog(Array.from({ length: CHALLENGES }, (_, i) => ({ id: `challenge-${i + 1}`, title: `Challenge number ${i + 1}`, topic: 'Docker' }))),
  };
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = `dh_session=${base.sessions.create(1, Date.now()).token}`;

  const pages: [string, string][] = [
    ['trivial page (/healthz)', '/healthz'],
    ['dashboard page', `/instructor/classes/${classId}`],
    ['dashboard live fragment', `/instructor/classes/${classId}/live`],
    ['CSV export: matrix', `/instructor/classes/${classId}/export/matrix.csv`],
    ['CSV export: students', `/instructor/classes/${classId}/export/students.csv`],
    ['CSV export: attempts', `/instructor/classes/${classId}/export/attempts.csv`],
    ['student detail page', `/instructor/classes/${classId}/students/2`],
  ];
  console.log(`\n${'page'.padEnd(28)}${'median'.padStart(10)}${'slowest'.padStart(10)}${'size'.padStart(10)}   (${RUNS} runs each)`);
  for (const [name, path] of pages) {
    const { median, max, bytes } = await time(`${origin}${path}`, cookie);
    console.log(`${name.padEnd(28)}${`${median.toFixed(1)} ms`.padStart(10)}${`${max.toFixed(1)} ms`.padStart(10)}${`${Math.round(bytes / 1024)} kB`.padStart(10)}`);
  }
  server.close();
  db.close();
}

await main();
