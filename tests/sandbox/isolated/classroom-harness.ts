import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { Express } from 'express';
import type { User } from '../../../src/accounts/users.js';
import { loadIsolatedConfig, type IsolatedConfig } from '../../../src/sandbox/isolated/config.js';
import { SANDBOX_LABEL } from '../../../src/sandbox/isolated/container-spec.js';
import { IsolatedSandboxes } from '../../../src/sandbox/isolated/sandbox-pool.js';
import { attachTerminalServer } from '../../../src/terminal/terminal-server.js';
import { createApp } from '../../../src/web/app.js';
import { buildTestApp, type TestApp } from '../../support/app.js';

/** A classroom server for tests: the real app with isolated sandboxes, listening on 127.0.0.1. */
export interface Classroom {
  t: TestApp;
  app: Express;
  server: Server;
  baseUrl: string;
  host: Docker;
  sandboxes: IsolatedSandboxes;
  /** A student (or instructor) with a live session; `cookie` is the Cookie header value. */
  user(username: string, role?: 'student' | 'instructor'): Promise<{ user: User; cookie: string }>;
  close(): Promise<void>;
}

/** Builds the classroom over an in-memory database; `env` overrides sandbox settings. */
export async function startClassroom(env: Record<string, string> = {}): Promise<Classroom> {
  const t = buildTestApp();
  const host = new Docker();
  const cacheDir = mkdtempSync(join(tmpdir(), 'deckhand-test-images-'));
  const config: IsolatedConfig = loadIsolatedConfig({ DECKHAND_SANDBOX_MODE: 'isolated', DECKHAND_SANDBOX_MEMORY_MB: '512', ...env });
  const sandboxes = new IsolatedSandboxes({ db: t.db, host, config, clock: t.clock, logger: t.deps.logger, imageCacheDir: cacheDir });
  const deps = { ...t.deps, sandboxes };
  const app = createApp(deps);
  const server = createServer(app);
  // Sessions are checked again every 200 ms here, so a sign-out shows at once in tests.
  const terminal = attachTerminalServer(server, deps, { sessionRecheckMs: 200 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    t,
    app,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    host,
    sandboxes,
    async user(username, role = 'student') {
      const user = await t.deps.users.create({ username, password: 'correct horse battery', role, timeZone: 'UTC', now: t.clock().getTime() });
      const { token } = t.deps.sessions.create(user.id, t.clock().getTime());
      return { user, cookie: `dh_session=${token}` };
    },
    async close() {
      terminal.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(sandboxes.store.live().map((record) => sandboxes.end(record.id, 'test finished')));
      sandboxes.images.clearCache();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Removes every sandbox container and network on the host (a failed test must not leak). */
export async function removeAllSandboxes(host: Docker = new Docker()): Promise<void> {
  const filters = { label: [SANDBOX_LABEL] };
  for (const c of await host.listContainers({ all: true, filters })) await host.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  for (const n of await host.listNetworks({ filters })) await host.getNetwork(n.Id).remove().catch(() => undefined);
}

/** Runs a shell command in a sandbox container (on the host engine) and returns its output. */
export async function execIn(host: Docker, containerId: string, command: string): Promise<{ exitCode: number; output: string }> {
  const exec = await host.getContainer(containerId).exec({ Cmd: ['sh', '-c', command], AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
}
