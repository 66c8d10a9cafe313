/**
 * `npm run bench:classroom`: the classroom's figures on this machine, all in one run.
 * - cold start: a bare DinD container (create → start → /_ping) next to one Deckhand sandbox
 * - 20 sandboxes started at once: time until all ready, memory of each (docker stats)
 * - the warm pool's hand-out latency
 * - review p99 under 30 simulated students, idle and with 10 sandboxes busy
 * Everything it creates (containers, networks, volumes, image cache, database) is removed.
 */
import { createServer, request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { loadIsolatedConfig } from '../src/sandbox/isolated/config.js';
import { SANDBOX_LABEL, sandboxContainerSpec, sandboxNetworkSpec } from '../src/sandbox/isolated/container-spec.js';
import { prioritizeServer } from '../src/sandbox/isolated/classroom.js';
import { IsolatedSandboxes } from '../src/sandbox/isolated/sandbox-pool.js';
import { waitForInnerEngine } from '../src/sandbox/isolated/sandbox-engine.js';
import { createApp } from '../src/web/app.js';
import { buildDeps } from '../src/web/build-deps.js';

const host = new Docker();
const dir = mkdtempSync(join(tmpdir(), 'deckhand-bench-classroom-'));
const logger = createLogger('silent');
const db = openDatabase(join(dir, 'bench.db'));
migrateDatabase(db);
const config = loadIsolatedConfig({ DECKHAND_SANDBOX_MODE: 'isolated', DECKHAND_SANDBOX_MAX: '40', DECKHAND_SANDBOX_STARTS_PER_HOUR: '100', DECKHAND_SANDBOX_MEMORY_MB: '512' });
const clock = () => new Date();
// As the server does in isolated mode (src/main.ts).
prioritizeServer(logger);
const pool = new IsolatedSandboxes({ db, host, config, clock, logger, imageCacheDir: join(dir, 'images') });
const warmPool = new IsolatedSandboxes({ db, host, config: { ...config, warmPoolSize: 3 }, clock, logger, imageCacheDir: join(dir, 'images') });

const ms = (n: number) => `${Math.round(n)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

async function user(name: string): Promise<number> {
  return db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)`, [name, name]).lastInsertRowid;
}

/** The bare thing a sandbox wraps: create the network and container, start, wait for /_ping. */
async function bareStart(i: number): Promise<number> {
  const id = `bench${String(i).padStart(11, '0')}`;
  const started = performance.now();
  const network = await host.createNetwork(sandboxNetworkSpec(config, id, null));
  const container = await host.createContainer(sandboxContainerSpec(config, id, null, network.id));
  await container.start();
  const info = await container.inspect();
  await waitForInnerEngine(Object.values(info.NetworkSettings.Networks)[0]?.IPAddress ?? '', 60_000);
  const elapsed = performance.now() - started;
  await container.remove({ force: true, v: true });
  await network.remove();
  return elapsed;
}

async function memoryMiB(containerId: string): Promise<number> {
  const stats = (await host.getContainer(containerId).stats({ stream: false })) as { memory_stats: { usage?: number; stats?: { cache?: number } } };
  return ((stats.memory_stats.usage ?? 0) - (stats.memory_stats.stats?.cache ?? 0)) / 1024 / 1024;
}

/** 30 students answering cards over HTTP at once; returns every request's latency. */
async function reviewLoad(baseUrl: string, students: { cookie: string; csrf: string; next?: string }[], answersEach: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const post = (s: { cookie: string; csrf: string }, body: string) =>
    new Promise<{ ms: number; json: { next: { id: string } | null } }>((resolve, reject) => {
      const t0 = performance.now();
      const req = httpRequest(`${baseUrl}/api/review/answer`, { method: 'POST', agent, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve({ ms: performance.now() - t0, json: JSON.parse(Buffer.concat(chunks).toString()) }) : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString()}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const latencies: number[] = [];
  await Promise.all(
    students.map(async (s) => {
      // New cards come in order, so a fresh learner's first card is c1; then the server says.
      for (let n = 0; n < answersEach && s.next; n++) {
        const { ms: took, json } = await post(s, JSON.stringify({ cardId: s.next, quality: 4 }));
        latencies.push(took);
        s.next = json.next?.id;
      }
    }),
  );
  agent.destroy();
  return latencies;
}

async function cleanup(): Promise<void> {
  for (const p of [pool, warmPool]) await Promise.all(p.store.live().map((s) => p.end(s.id, 'bench finished')));
  const filters = { label: [SANDBOX_LABEL] };
  for (const c of await host.listContainers({ all: true, filters })) await host.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  for (const n of await host.listNetworks({ filters })) await host.getNetwork(n.Id).remove().catch(() => undefined);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  // The review app, with 400 cards and 30 signed-in students.
  const appConfig = loadConfig({ DECKHAND_TIME_ZONE: 'UTC', DECKHAND_NEW_PER_DAY: '9999', DECKHAND_LOG_LEVEL: 'silent', DECKHAND_CONTENT_DIR: join(dir, 'content') });
  const deps = buildDeps({ db, config: appConfig, clock, logger });
  for (let i = 1; i <= 400; i++) {
    db.run(`INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at) VALUES (?, 'basic', 'Bench', ?, ?, 'bench.md', ?, ?, 0, 0)`, [`c${i}`, `Q${i}?`, `A${i}`, i, i]);
  }
  const server = createServer(createApp(deps)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const students = [];
  for (let i = 0; i < 30; i++) {
    const id = await user(`student${i}`);
    const { token } = deps.sessions.create(id, Date.now());
    const cookie = `dh_session=${token}`;
    const page = await fetch(`${baseUrl}/`, { headers: { cookie } }).then((r) => r.text());
    students.push({ cookie, csrf: /name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '', next: 'c1' as string | undefined });
  }

  console.log('classroom benchmark (2-core machine; each figure from this one run)\n');
  await reviewLoad(baseUrl, students.slice(0, 5), 5); // warm-up
  const idle = await reviewLoad(baseUrl, students, 30);
  console.log(`review p99, no sandboxes:            ${pct(idle, 99).toFixed(1)} ms (p50 ${pct(idle, 50).toFixed(1)} ms, ${idle.length} answers)`);

  const bare = [];
  for (let i = 0; i < 3; i++) bare.push(await bareStart(i));
  const cold = [];
  for (let i = 0; i < 3; i++) {
    const uid = await user(`cold${i}`);
    const t0 = performance.now();
    const sandbox = await pool.acquire(uid);
    cold.push(performance.now() - t0);
    await pool.end(sandbox.id);
  }
  console.log(`bare inner-engine start (median of 3): ${ms(median(bare))}`);
  console.log(`one sandbox cold start (median of 3):  ${ms(median(cold))}  (${(median(cold) / median(bare)).toFixed(2)}× bare; aim ≤ 1.5×)`);

  const uids = await Promise.all(Array.from({ length: 20 }, (_, i) => user(`class${i}`)));
  const t0 = performance.now();
  const twenty = await Promise.all(uids.map((uid) => pool.acquire(uid)));
  console.log(`20 sandboxes at once, all ready:     ${ms(performance.now() - t0)}`);
  const memory = await Promise.all(twenty.map((s) => memoryMiB(s.containerId ?? '')));
  console.log(`memory per idle sandbox:              median ${median(memory).toFixed(0)} MiB, max ${Math.max(...memory).toFixed(0)} MiB`);

  const copyStart = performance.now();
  const copies = await Promise.all(twenty.slice(0, 10).map((s) => pool.images.ensureImages(pool.innerDocker(s.address ?? ''), ['nginx', 'busybox'])));
  console.log(`copy nginx+busybox into 10 sandboxes: ${ms(performance.now() - copyStart)} (per sandbox median ${ms(median(copies.map((c) => c.ms)))})`);

  // Ten learners busy: each inner engine runs containers in a loop while the students review.
  const busy = twenty.slice(0, 10).map((s) =>
    host.getContainer(s.containerId ?? '').exec({ Cmd: ['sh', '-c', 'for i in $(seq 1 200); do docker run --rm busybox sh -c "seq 1 20000 | md5sum" >/dev/null; done'], AttachStdout: false }).then((e) => e.start({ Detach: true })),
  );
  await Promise.all(busy);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const loaded = await reviewLoad(baseUrl, students, 30);
  console.log(`review p99, 10 sandboxes busy:       ${pct(loaded, 99).toFixed(1)} ms (p50 ${pct(loaded, 50).toFixed(1)} ms; ${(pct(loaded, 99) / pct(idle, 99)).toFixed(2)}× idle; aim ≤ 2×)`);
  await Promise.all(twenty.map((s) => pool.end(s.id)));

  await warmPool.fillWarmPool();
  const handOut = [];
  for (let i = 0; i < 3; i++) {
    const uid = await user(`warm${i}`);
    const t1 = performance.now();
    await warmPool.acquire(uid);
    handOut.push(performance.now() - t1);
  }
  console.log(`warm-pool hand-out (3 learners):      median ${median(handOut).toFixed(1)} ms, max ${Math.max(...handOut).toFixed(1)} ms (aim < 100 ms)`);
  server.close();
}

try {
  await main();
} finally {
  await cleanup();
}
