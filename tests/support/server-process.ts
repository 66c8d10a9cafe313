import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever vitest or a script was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A port nobody listens on right now (the OS picks it; the small race is acceptable in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A scratch folder for one test file: the database, the content and the backups live here. */
export interface Workspace {
  dir: string;
  databaseFile: string;
  contentDir: string;
  remove(): void;
}

/**
 * Creates a temporary workspace whose content folder holds one Markdown note with the given
 * `question :: answer` pairs, in order (the server syncs them into cards at start).
 */
export function createWorkspace(cards: readonly { prompt: string; answer: string }[], noteName = 'docker/basics.md'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-e2e-'));
  const contentDir = join(dir, 'content');
  const notePath = join(contentDir, noteName);
  mkdirSync(dirname(notePath), { recursive: true });
  writeFileSync(notePath, `# Basics\n\n${cards.map((card) => `- ${card.prompt} :: ${card.answer}`).join('\n')}\n`);
  return {
    dir,
    databaseFile: join(dir, 'deckhand.db'),
    contentDir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A running Deckhand server in its own process. */
export interface ServerProcess {
  baseUrl: string;
  port: number;
  pid: number;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Graceful stop (SIGTERM), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** `kill -9`: no shutdown code runs, exactly like a crash or a power cut of the process. */
  kill(): Promise<void>;
}

export interface StartOptions {
  workspace: Workspace;
  /** Reuse a port (for a restart on the same address); a free one is picked otherwise. */
  port?: number;
  /** Extra environment variables (DECKHAND_*). */
  env?: Record<string, string>;
  /** How long to wait for /healthz. */
  readyTimeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts `src/main.ts` as a child process. It is `node --import tsx` rather than `npx tsx`
 * because tsx's CLI runs the server in a grandchild: a SIGKILL to the wrapper would leave the
 * real server running, and the crash test would not crash anything.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const { workspace } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? workspace.dir,
      NODE_ENV: 'test',
      PORT: String(port),
      DECKHAND_HOST: '127.0.0.1',
      DECKHAND_DB: workspace.databaseFile,
      DECKHAND_CONTENT_DIR: workspace.contentDir,
      DECKHAND_BACKUP_DIR: join(workspace.dir, 'backups'),
      DECKHAND_TIME_ZONE: 'UTC',
      DECKHAND_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    // Keep the tail only: a chatty server must not grow the test's memory without bound.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => output, options.readyTimeoutMs ?? 30_000);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process has no pid');

  return {
    baseUrl,
    port,
    pid,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
