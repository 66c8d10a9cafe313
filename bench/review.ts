/**
 * `npm run bench:review`: seeds (or reuses) a database of 200 learners × 2,000 cards with two
 * years of history, then measures "answer + next card" over HTTP against the real app and a
 * bare express route doing one indexed select on the same file, with the same load.
 *
 * Options (environment): BENCH_SECONDS (15), BENCH_CONNECTIONS (50), BENCH_LEARNERS (200),
 * BENCH_CARDS (2000), BENCH_DAYS (730); BENCH_CACHE_MB sets SQLite's page cache for experiments.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import express from 'express';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { learnerDay } from '../src/scheduler/day.js';
import { createApp } from '../src/web/app.js';
import { buildDeps } from '../src/web/build-deps.js';
import type { LoadJob, LoadLearner, LoadResult } from './support/load.js';
import { seedDatabase } from './support/seed.js';

const REPO_ROOT = new URL('..', import.meta.url).pathname;
const BENCH_DIR = join(REPO_ROOT, '.tmp', 'bench');

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Runs one load job in a worker thread, so the generator does not steal the server's event loop. */
function drive(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // On Node 20 a worker gets neither the tsx CLI's hooks nor `--import tsx` in execArgv, so a
    // two-line bootstrap loads the TypeScript module through tsx's API.
    const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./support/load.ts', import.meta.url).href);
    const worker = new Worker(`import(${api}).then(({ tsImport }) => tsImport(${entry}, ${entry}));`, {
      eval: true,
      workerData: job,
    });
    worker.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      void worker.terminate();
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
}

function line(result: LoadResult): string {
  const statuses = Object.entries(result.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  return (
    `${result.target.padEnd(8)} ${result.perSecond.toFixed(0).padStart(7)} req/s   ` +
    `p50 ${result.p50Ms.toFixed(2).padStart(6)} ms   p99 ${result.p99Ms.toFixed(2).padStart(6)} ms   ` +
    `max ${result.maxMs.toFixed(1).padStart(6)} ms   ${result.requests} requests (${statuses})`
  );
}

async function main(): Promise<void> {
  const seconds = envInt('BENCH_SECONDS', 15);
  const connections = envInt('BENCH_CONNECTIONS', 50);
  const params = { learners: envInt('BENCH_LEARNERS', 200), cards: envInt('BENCH_CARDS', 2000), days: envInt('BENCH_DAYS', 730), version: 1 };
  mkdirSync(BENCH_DIR, { recursive: true });

  const seedFile = join(BENCH_DIR, `seed-${params.learners}x${params.cards}x${params.days}.db`);
  const today = learnerDay(new Date(), 'UTC', 4);
  const seed = seedDatabase(seedFile, params, today);
  console.log(
    `seed: ${seed.reused ? 'reused' : 'created'} ${seedFile} in ${seed.seconds.toFixed(1)} s — ` +
      `${params.learners} learners × ${params.cards} cards, ${seed.reviewLogRows.toLocaleString('en')} review_log rows, ` +
      `${seed.cardStateRows.toLocaleString('en')} card_states rows, history up to ${seed.today}`,
  );

  // Every run starts from the pristine seed: answers from an earlier run would eat today's limits.
  const runFile = join(BENCH_DIR, 'run.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(runFile + suffix, { force: true });
  const copyStarted = performance.now();
  copyFileSync(seedFile, runFile);
  console.log(`copy: ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`);

  const db = openDatabase(runFile);
  migrateDatabase(db);
  // An experiment knob, off by default so the bench measures what the server does: the server
  // leaves SQLite's page cache at its default (2 MB) on a file of several hundred MB.
  const cacheMb = process.env.BENCH_CACHE_MB;
  if (cacheMb) db.raw.pragma(`cache_size = -${envInt('BENCH_CACHE_MB', 2) * 1024}`);
  const config = loadConfig({ DECKHAND_TIME_ZONE: 'UTC', DECKHAND_LOG_LEVEL: 'silent', DECKHAND_DB: runFile });
  const deps = buildDeps({ db, config, clock: () => new Date(), logger: createLogger('silent') });
  const reviewServer = await listen(createApp(deps));

  // The baseline: bare express, the same JSON body parsing, one indexed select on the same file.
  const baselineDb = new BetterSqlite3(runFile, { readonly: true });
  const dueOne = baselineDb.prepare('SELECT * FROM card_states WHERE user_id = ? AND due_day <= ? LIMIT 1');
  const baseline = express();
  baseline.use(express.json());
  baseline.post('/baseline', (req, res) => {
    const { userId } = req.body as { userId: number };
    res.json({ card: dueOne.get(userId, learnerDay(new Date(), 'UTC', 4)) ?? null });
  });
  const baselineServer = await listen(baseline);

  // Sign every learner in with a session made directly, then read the CSRF token and the card on
  // screen from the review page, exactly as a browser would find them.
  const learners: LoadLearner[] = [];
  for (let userId = 1; userId <= params.learners; userId++) {
    const { token } = deps.sessions.create(userId, Date.now());
    const cookie = `dh_session=${token}`;
    const page = await fetch(`http://127.0.0.1:${portOf(reviewServer)}/review`, { headers: { cookie } });
    const html = await page.text();
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
    if (page.status !== 200 || !csrf) throw new Error(`learner ${userId}: GET /review gave ${page.status}`);
    learners.push({ userId, cookie, csrf, cardId: /data-card-id="([^"]+)"/.exec(html)?.[1] ?? null });
  }
  const withCards = learners.filter((learner) => learner.cardId !== null).length;
  console.log(`learners signed in: ${learners.length} (${withCards} with a card to review)`);
  console.log(`load: ${connections} connections, ${seconds} s each after a 2 s warm-up, keep-alive http.Agent in a worker thread\n`);

  const job = { connections, warmupMs: 2_000, durationMs: seconds * 1000, learners };
  const base = await drive({ ...job, target: 'baseline', port: portOf(baselineServer) });
  console.log(line(base));
  const review = await drive({ ...job, target: 'review', port: portOf(reviewServer) });
  console.log(line(review));
  if (review.learnersDone > 0) console.log(`(${review.learnersDone} learners ran out of cards during the run)`);

  const ratio = review.perSecond / base.perSecond;
  console.log(
    `\nratio review/baseline: ${ratio.toFixed(2)} (aim ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
      `review p99 ${review.p99Ms.toFixed(1)} ms (aim < 25 ms: ${review.p99Ms < 25 ? 'met' : 'NOT met'})`,
  );

  await new Promise((resolve) => reviewServer.close(resolve));
  await new Promise((resolve) => baselineServer.close(resolve));
  baselineDb.close();
  db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
