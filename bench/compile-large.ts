import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NoteFile } from '../src/compiler/types.js';
import { loadConfig } from '../src/config/config.js';
import { compileInWorker } from '../src/content/compile-worker.js';
import { openDatabase } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createApp } from '../src/web/app.js';
import { buildDeps } from '../src/web/build-deps.js';

/**
 * `npm run bench:compile-large`: is compiling linear in the size of a note? One note per shape
 * (a flat list, nested lists, a huge table, many code blocks, prose, deep nesting) at 1,000,
 * 10,000 and 100,000 lines, each compiled by the server's own compile worker, timed inside the
 * worker. Printed: ms, ms per 1,000 lines, and the growth of that figure from 10k to 100k lines
 * (≈ 1 is linear; ≈ 10 is quadratic). A run that exceeds the budget is shown as such, never
 * waited for. `npm run bench:compile-large -- 10000` runs one size only. Last, the latency of
 * /healthz while the server reloads a 1.9 MB note (`RELOAD_KB=700` for another size).
 *
 * Figures only: nothing here is asserted, timings belong to the machine.
 */

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const LINES = SIZES.length > 0 ? SIZES : [1_000, 10_000, 100_000];
const BUDGET = { timeMs: 120_000, memoryMb: 4096 };

const TOOLS = ['runc', 'containerd', 'buildkit', 'kubelet', 'etcd', 'scheduler', 'proxy', 'registry'];
const tool = (i: number): string => `${TOOLS[i % TOOLS.length] ?? 'tool'}${i}`;

/** Each shape writes `lines` lines (give or take a block) of notes in one style. */
const SHAPES: { name: string; make(lines: number): string }[] = [
  {
    name: 'flat list',
    make: (lines) => list(lines, (i) => `- ${tool(i)} - the component number ${i} that keeps containers running`),
  },
  {
    name: 'nested lists',
    make: (lines) =>
      list(lines, (i) =>
        i % 4 === 0 ? `- **Group ${i}**` : `${'  '.repeat(i % 4)}- ${tool(i)}: the part ${i} that schedules pods on nodes`,
      ),
  },
  {
    name: 'huge table',
    make: (lines) =>
      ['| Command | What it does |', '| --- | --- |', ...range(lines - 2, (i) => `| \`docker run --name web${i} nginx\` | starts container ${i} from nginx |`)].join('\n'),
  },
  {
    name: 'code blocks',
    make: (lines) =>
      range(Math.ceil(lines / 5), (i) => `Start the web server number ${i}:\n\n\`\`\`sh\ndocker run -d --name web${i} -p ${8000 + (i % 1000)}:80 nginx\n\`\`\``).join('\n'),
  },
  {
    name: 'prose + headings',
    make: (lines) =>
      range(Math.ceil(lines / 4), (i) => `## Part ${i}\n\n${tool(i)} is a daemon that manages the lifecycle of container ${i}. It keeps state ${i}.\n`).join('\n'),
  },
  {
    name: 'deep nesting (40)',
    make: (lines) => list(lines, (i) => `${'  '.repeat(i % 40)}- ${tool(i)} - level ${i % 40} of the tree`),
  },
];

function range<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

function list(lines: number, line: (i: number) => string): string {
  return `# Notes\n\n${range(lines - 2, line).join('\n')}\n`;
}

interface Row {
  shape: string;
  lines: number;
  ms?: number;
  cards?: number;
  stopped?: string;
}

const rows: Row[] = [];
for (const shape of SHAPES) {
  for (const lines of LINES) {
    const text = shape.make(lines);
    const files: NoteFile[] = [{ path: 'large.md', text }];
    const outcome = await compileInWorker(files, BUDGET);
    const row: Row = outcome.ok
      ? { shape: shape.name, lines, ms: outcome.compileMs, cards: outcome.result.cards.length }
      : { shape: shape.name, lines, stopped: outcome.message };
    rows.push(row);
    const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
    const figure = row.ms === undefined ? `stopped: ${row.stopped ?? ''}` : `${row.ms.toFixed(0).padStart(7)} ms  ${perThousand(row).padStart(8)} ms/1k lines  ${String(row.cards).padStart(7)} cards`;
    console.log(`${shape.name.padEnd(18)} ${String(lines).padStart(7)} lines ${kb.padStart(6)} KB  ${figure}`);
  }
}

function perThousand(row: Row): string {
  return row.ms === undefined ? '—' : (row.ms / (row.lines / 1000)).toFixed(1);
}

if (LINES.includes(10_000) && LINES.includes(100_000)) {
  console.log('\ngrowth of ms per 1,000 lines from 10k to 100k lines (1 = linear, 10 = quadratic)');
  for (const shape of SHAPES) {
    const small = rows.find((r) => r.shape === shape.name && r.lines === 10_000);
    const large = rows.find((r) => r.shape === shape.name && r.lines === 100_000);
    if (small?.ms === undefined) continue;
    const growth = large?.ms === undefined ? `> ${((BUDGET.timeMs / 100) / (small.ms / 10)).toFixed(0)} (stopped at ${BUDGET.timeMs / 1000} s)` : ((large.ms / 100) / (small.ms / 10)).toFixed(2);
    console.log(`  ${shape.name.padEnd(18)} ${perThousand(small).padStart(8)} → ${(large ? perThousand(large) : '—').padStart(8)}   × ${growth}`);
  }
}

// The server while it reloads a large note: /healthz asked every 20 ms by a client in another
// thread, so a blocked event loop shows as a slow answer. The compile runs in the worker; what
// remains on the server's thread is the transaction that writes the cards.
const RELOAD_BYTES = Number(process.env.RELOAD_KB ?? 1946) * 1024;
const dir = mkdtempSync(join(tmpdir(), 'dh-bench-large-'));
const shape = SHAPES[0];
if (shape) writeFileSync(join(dir, 'large.md'), shape.make(Math.round(RELOAD_BYTES / 70)).slice(0, RELOAD_BYTES));
const db = openDatabase(':memory:');
migrateDatabase(db);
const deps = buildDeps({ db, config: loadConfig({ DECKHAND_CONTENT_DIR: dir }), clock: () => new Date(), logger: createLogger('silent') });
const server = createApp(deps).listen(0, '127.0.0.1');
await once(server, 'listening');
const port = (server.address() as AddressInfo).port;
// Plain JavaScript, so the worker needs no TypeScript loader.
const pinger = new Worker(
  `const { parentPort, workerData } = require('node:worker_threads');
   const latencies = [];
   let stop = false;
   parentPort.once('message', () => { stop = true; });
   (async () => {
     while (!stop) {
       const asked = performance.now();
       await fetch(workerData.url).then((response) => response.text());
       latencies.push(performance.now() - asked);
       await new Promise((resolve) => setTimeout(resolve, 20));
     }
     parentPort.postMessage(latencies);
   })();`,
  { eval: true, workerData: { url: `http://127.0.0.1:${port}/healthz` } },
);
const started = performance.now();
const status = await deps.content.reload();
const reloadMs = performance.now() - started;
pinger.postMessage('stop');
const [latencies] = (await once(pinger, 'message')) as [number[]];
await pinger.terminate();
server.close();
latencies.sort((a, b) => a - b);
const at = (share: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
console.log(`\n/healthz during a reload of a ${(RELOAD_BYTES / 1024 / 1024).toFixed(1)} MB note (${status.cards} cards, reload ${(reloadMs / 1000).toFixed(1)} s)`);
console.log(`  ${latencies.length} answers: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms`);
