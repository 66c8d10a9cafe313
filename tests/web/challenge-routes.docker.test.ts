import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTEMPT_LABEL } from '../../src/sandbox/ownership.js';
import { runCommands } from '../challenges/harness.js';
import { buildTestApp, csrfFrom, signIn } from '../support/app.js';
import { dockerAvailable } from '../support/docker.js';
import { SocketRelay } from '../support/socket-relay.js';

const hasDocker = await dockerAvailable();
const docker = new Docker();

async function attemptContainers(): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [ATTEMPT_LABEL] } });
  return list.map((c) => c.Id);
}

async function checkUntilPassed(agent: Awaited<ReturnType<typeof signIn>>['agent'], csrf: string, id: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 15; i++) {
    text = (await agent.post(`/challenges/${id}/check`).type('form').send({ _csrf: csrf })).text;
    if (text.includes('All checks pass')) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return text;
}

describe.skipIf(!hasDocker)('challenge pages against the real engine', () => {
  afterAll(async () => {
    // Only on failure is anything left: the test's own container and the attempt's setup.
    await docker.getContainer('deckhand-web-test').remove({ force: true }).catch(() => undefined);
    for (const id of await attemptContainers()) await docker.getContainer(id).remove({ force: true });
  });

  it('publishes nginx on 12345 from the browser flow: fail, solve, pass, schedule, end', async () => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    const list = await agent.get('/challenges').expect(200);
    expect(list.text).toContain('Publish a web server on port 12345');
    expect(list.text).not.toContain('Challenges need a Docker engine');

    const started = await agent.post('/challenges/publish-port/start').type('form').send({ _csrf: csrf });
    expect(started.status).toBe(200);
    expect(started.text).toContain('data-action="check"');

    const failing = await agent.post('/challenges/publish-port/check').type('form').send({ _csrf: csrf });
    expect(failing.text).toContain('observed:');
    expect(failing.text).not.toContain('All checks pass');

    runCommands(['docker run -d --name deckhand-web-test -p 12345:80 nginx']);
    const passing = await checkUntilPassed(agent, csrf, 'publish-port');
    expect(passing).toContain('All checks pass');

    // Passed after several checks, no hints → SM-2 quality 3 or 4 (not 5): EF 2.36 or 2.5, due tomorrow.
    const schedule = t.db.first<{ repetitions: number; easiness: number; due_day: string }>('SELECT repetitions, easiness, due_day FROM challenge_states');
    expect(schedule).toMatchObject({ repetitions: 1, due_day: '2026-03-11' });
    expect([236, 250]).toContain(schedule?.easiness);
    const listed = await agent.get('/challenges');
    expect(listed.text).toContain('2026-03-11');
    await agent.post('/challenges/publish-port/end').type('form').send({ _csrf: csrf }).expect(303);
    expect((await docker.listContainers({ all: true, filters: { name: ['deckhand-web-test'] } })).length).toBe(0);
    expect(await attemptContainers()).toEqual([]);
  });

  it('says the engine is gone when it stops mid-attempt, stays up, and grades again when it returns', async () => {
    const relay = new SocketRelay(join(mkdtempSync(join(tmpdir(), 'dh-relay-')), 'docker.sock'));
    await relay.open();
    const engine = { docker: new Docker({ socketPath: relay.path }), endpoint: `unix://${relay.path}` };
    const t = buildTestApp({}, undefined, { engine });
    const { agent, csrf } = await signIn(t);
    await agent.post('/challenges/run-detached/start').type('form').send({ _csrf: csrf }).expect(200);

    await relay.cut();
    const gone = await agent.post('/challenges/run-detached/check').type('form').send({ _csrf: csrf });
    expect(gone.status).toBe(503);
    expect(gone.text).toContain(`No Docker engine answered at unix://${relay.path}`);
    expect((await agent.get('/review')).status).toBe(200);
    const page = await agent.get('/challenges');
    expect(page.text).toContain('Challenges need a Docker engine');

    await relay.open();
    const back = await agent.post('/challenges/run-detached/check').type('form').send({ _csrf: csrfFrom(page.text) });
    expect(back.status).toBe(200);
    expect(back.text).toContain('data-testid="results"');
    await agent.post('/challenges/run-detached/end').type('form').send({ _csrf: csrf }).expect(303);
    await relay.cut();
  });
});

describe('challenge pages, whatever the engine', () => {
  it('answers 401 signed out, 404 for an unknown challenge, 400 for a malformed id, 403 without CSRF', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    expect((await agent.get('/challenges/no-such-thing')).status).toBe(404);
    expect((await agent.get('/challenges/Bad..Id')).status).toBe(400);
    expect((await agent.post('/challenges/publish-port/start').type('form').send({})).status).toBe(403);
    expect(t.db.first('SELECT count(*) AS n FROM challenge_attempts')).toEqual({ n: 0 });
    const anonymous = await (await import('supertest')).default(t.app).get('/challenges');
    expect(anonymous.status).toBe(401);
  });

  it('refuses a student a sandbox in host mode, where the engine is shared, and says what to do', async () => {
    const t = buildTestApp();
    await signIn(t, 'teacher');
    const student = await signIn(t, 'sam');
    const page = await student.agent.get('/challenges/publish-port');
    expect(page.text).toContain('DECKHAND_SANDBOX_MODE=isolated');
    const res = await student.agent.post('/challenges/publish-port/start').type('form').send({ _csrf: student.csrf });
    expect(res.status).toBe(403);
    expect(res.text).toContain('needs a sandbox of their own');
    expect(t.db.first('SELECT count(*) AS n FROM challenge_attempts')).toEqual({ n: 0 });
  });
});
