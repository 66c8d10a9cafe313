import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../src/terminal/frames.js';
import type { SandboxRecord } from '../../src/sandbox/isolated/sandbox-store.js';
import { dockerAvailable } from '../support/docker.js';
import { removeAllSandboxes, startClassroom, type Classroom } from '../sandbox/isolated/classroom-harness.js';

const hasDocker = await dockerAvailable();

/** A terminal client that collects every frame and can wait for text in the output. */
class TerminalClient {
  readonly frames: ServerFrame[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
  }

  static open(url: string, headers: Record<string, string>): Promise<TerminalClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new TerminalClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  output(): string {
    return this.frames.flatMap((f) => (f.type === 'output' ? [f.data] : [])).join('');
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frames so far:\n${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async run(command: string, marker: string): Promise<void> {
    this.send({ type: 'input', data: `${command}\r` });
    await this.waitFor(() => this.output().includes(marker), marker);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

describe.skipIf(!hasDocker)('the sandbox terminal over a WebSocket', () => {
  let room: Classroom;
  let ada: { cookie: string; sandbox: SandboxRecord };
  let bob: { cookie: string };
  let url: string;
  let origin: string;

  beforeAll(async () => {
    room = await startClassroom({ DECKHAND_TERMINAL_GRACE_SECONDS: '60' });
    const a = await room.user('ada');
    bob = await room.user('bob');
    ada = { cookie: a.cookie, sandbox: await room.sandboxes.acquire(a.user.id) };
    url = `${room.baseUrl.replace('http', 'ws')}/sandboxes/${ada.sandbox.id}/terminal`;
    origin = room.baseUrl;
  });
  afterAll(async () => {
    await room?.close();
    await removeAllSandboxes();
  });

  it('bridges to a shell whose docker talks to the sandbox’s own engine, and follows resizes', async () => {
    const term = await TerminalClient.open(url, { Origin: origin, Cookie: ada.cookie });
    await term.waitFor(() => term.frames.some((f) => f.type === 'hello'), 'hello');
    term.send({ type: 'resize', cols: 101, rows: 33 });
    await term.run('echo "size=$(stty size)"', 'size=33 101');
    await term.run('echo "host=[$DOCKER_HOST]" && docker info --format "engine={{.Name}}"', 'engine=sandbox-');
    expect(term.output()).toContain('host=[]');
    await term.close();
  });

  it('answers malformed and oversized frames with an error frame and keeps the shell', async () => {
    const term = await TerminalClient.open(url, { Origin: origin, Cookie: ada.cookie });
    term.send('not json');
    term.send({ type: 'shout', data: 'x' });
    term.send({ type: 'resize', cols: 0, rows: 10 });
    term.send({ type: 'input', data: 'x'.repeat(70 * 1024) });
    term.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await term.waitFor(() => term.frames.filter((f) => f.type === 'error').length === 5, 'five error frames');
    const errors = term.frames.flatMap((f) => (f.type === 'error' ? [f.message] : []));
    expect(errors).toEqual([
      'frame is not valid JSON',
      expect.stringContaining('bad frame'),
      expect.stringContaining('cols'),
      expect.stringContaining('frame too large'),
      'frames must be JSON text',
    ]);
    await term.run('echo still-$((40+2))', 'still-42');
    await term.close();
  });

  it('keeps the shell across a dropped connection and replays its scrollback', async () => {
    const first = await TerminalClient.open(url, { Origin: origin, Cookie: ada.cookie });
    await first.run('export KEPT=yes-$((6*7)); echo set-$KEPT', 'set-yes-42');
    first.socket.terminate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await TerminalClient.open(url, { Origin: origin, Cookie: ada.cookie });
    await second.waitFor(() => second.frames.some((f) => f.type === 'hello'), 'hello');
    expect(second.frames[0]).toMatchObject({ type: 'hello', resumed: true });
    expect(second.output()).toContain('set-yes-42');
    await second.run('echo got-$KEPT', 'got-yes-42');
    await second.close();
  });

  it('refuses another learner, a foreign or missing Origin, and a signed-out visitor', async () => {
    await expect(TerminalClient.open(url, { Origin: origin, Cookie: bob.cookie })).rejects.toThrow('HTTP 403');
    await expect(TerminalClient.open(url, { Origin: 'http://evil.example', Cookie: ada.cookie })).rejects.toThrow('HTTP 403');
    await expect(TerminalClient.open(url, { Cookie: ada.cookie })).rejects.toThrow('HTTP 403');
    await expect(TerminalClient.open(url, { Origin: origin })).rejects.toThrow('HTTP 401');
    const nowhere = url.replace(ada.sandbox.id, 'ffffffffffffffff');
    await expect(TerminalClient.open(nowhere, { Origin: origin, Cookie: ada.cookie })).rejects.toThrow('HTTP 403');
  });

  it('lets an instructor open a shell of their own in the learner’s sandbox', async () => {
    const teacher = await room.user('teach', 'instructor');
    const term = await TerminalClient.open(url, { Origin: origin, Cookie: teacher.cookie });
    await term.run('echo teacher-$((1+1))', 'teacher-2');
    await term.close();
  });

  it('closes an open terminal once its session ends (signed out, or reset by an instructor)', async () => {
    const cy = await room.user('cy', 'instructor');
    const term = await TerminalClient.open(url, { Origin: origin, Cookie: cy.cookie });
    await term.waitFor(() => term.frames.some((f) => f.type === 'hello'), 'hello');
    const closed = new Promise<number>((resolve) => term.socket.once('close', (code) => resolve(code)));
    room.t.deps.sessions.destroyAllFor(cy.user.id);
    expect(await closed).toBe(4403);
  });

  it('closes the terminal with a message when the sandbox ends', async () => {
    const term = await TerminalClient.open(url, { Origin: origin, Cookie: ada.cookie });
    await term.waitFor(() => term.frames.some((f) => f.type === 'hello'), 'hello');
    const closed = new Promise<number>((resolve) => term.socket.once('close', (code) => resolve(code)));
    await room.sandboxes.end(ada.sandbox.id, 'test');
    expect(await closed).toBe(4410);
    expect(term.frames.at(-1)).toEqual({ type: 'exit', message: 'Your sandbox has ended.' });
  });
});
