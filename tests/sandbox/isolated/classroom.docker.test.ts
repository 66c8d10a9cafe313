import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenge } from '../../../src/challenges/load.js';
import type { Challenge } from '../../../src/challenges/schema.js';
import { collectSnapshot } from '../../../src/grader/collect.js';
import { evaluateChecks } from '../../../src/grader/evaluate.js';
import type { SandboxRef } from '../../../src/sandbox/driver.js';
import type { SandboxRecord } from '../../../src/sandbox/isolated/sandbox-store.js';
import { dockerAvailable } from '../../support/docker.js';
import { execIn, removeAllSandboxes, startClassroom, type Classroom } from './classroom-harness.js';

const hasDocker = await dockerAvailable();

function publishPort(): Challenge {
  const parsed = parseChallenge(readFileSync('content/challenges/publish-port.yaml', 'utf8'), 'publish-port.yaml');
  if (!('challenge' in parsed)) throw new Error(parsed.problems.join('\n'));
  return parsed.challenge;
}

describe.skipIf(!hasDocker)('classroom sandboxes on a real engine', () => {
  let room: Classroom;
  const challenge = hasDocker ? publishPort() : (undefined as never);
  const learners: { id: number; cookie: string; sandbox: SandboxRecord; ref: SandboxRef }[] = [];

  beforeAll(async () => {
    room = await startClassroom();
    const [ada, bob] = await Promise.all([room.user('ada'), room.user('bob')]);
    // Both learners start at once, each in their own sandbox.
    const started = await Promise.all(
      [ada, bob].map(async ({ user, cookie }) => {
        const driver = room.sandboxes.forLearner(user.id);
        const { sandbox: ref } = await driver.startAttempt(`attempt-${user.id}`, challenge);
        const sandbox = room.sandboxes.store.liveFor(user.id);
        if (!sandbox) throw new Error('no sandbox');
        return { id: user.id, cookie, sandbox, ref };
      }),
    );
    learners.push(...started);
  });

  afterAll(async () => {
    await room?.close();
    await removeAllSandboxes();
  });

  it('gives each learner their own sandbox on their own network', () => {
    const [a, b] = learners;
    expect(a?.sandbox.id).not.toBe(b?.sandbox.id);
    expect(a?.sandbox.networkId).not.toBe(b?.sandbox.networkId);
    expect(a?.sandbox.address).not.toBe(b?.sandbox.address);
  });

  it('fails every check before the learners act, then passes them all for both after they solve it at the same time', async () => {
    for (const learner of learners) {
      const results = evaluateChecks(challenge, await collectSnapshot(room.sandboxes.forLearner(learner.id), challenge, learner.ref));
      expect(results.map((r) => r.passed)).toEqual([false, false, false]);
    }
    await Promise.all(
      learners.map(async (learner) => {
        const run = await execIn(room.host, learner.sandbox.containerId ?? '', 'docker run -d -p 12345:80 nginx');
        expect(run.exitCode).toBe(0);
      }),
    );
    const graded = await Promise.all(
      learners.map(async (learner) => evaluateChecks(challenge, await collectSnapshot(room.sandboxes.forLearner(learner.id), challenge, learner.ref))),
    );
    for (const results of graded) {
      expect(results.filter((r) => !r.passed)).toEqual([]);
    }
  });

  it('proxies the published port to its learner and refuses the other learner with 403', async () => {
    const [a, b] = learners;
    if (!a || !b) throw new Error('learners missing');
    const own = await request(room.app).get(`/sandboxes/${a.sandbox.id}/ports/12345/`).set('Cookie', a.cookie);
    expect(own.status).toBe(200);
    expect(own.text).toContain('Welcome to nginx');
    expect(own.headers['content-security-policy']).toContain('sandbox');
    const other = await request(room.app).get(`/sandboxes/${b.sandbox.id}/ports/12345/`).set('Cookie', a.cookie);
    expect(other.status).toBe(403);
    const signedOut = await request(room.app).get(`/sandboxes/${b.sandbox.id}/ports/12345/`).set('Accept', 'application/json');
    expect(signedOut.status).toBe(401);
  });

  it('lets an instructor through the proxy, redirects a bare port to its folder and rejects bad ports', async () => {
    const [a] = learners;
    if (!a) throw new Error('learner missing');
    const teacher = await room.user('teach', 'instructor');
    const seen = await request(room.app).get(`/sandboxes/${a.sandbox.id}/ports/12345/`).set('Cookie', teacher.cookie);
    expect(seen.status).toBe(200);
    const bare = await request(room.app).get(`/sandboxes/${a.sandbox.id}/ports/12345`).set('Cookie', a.cookie);
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe(`/sandboxes/${a.sandbox.id}/ports/12345/`);
    for (const port of ['0', '65536', 'http', '2375']) {
      const bad = await request(room.app).get(`/sandboxes/${a.sandbox.id}/ports/${port}/`).set('Cookie', a.cookie).set('Accept', 'application/json');
      expect([400, 403]).toContain(bad.status);
    }
    const closed = await request(room.app).get(`/sandboxes/${a.sandbox.id}/ports/8081/`).set('Cookie', a.cookie).set('Accept', 'application/json');
    expect(closed.status).toBe(502);
    expect(closed.body.error.message).toContain('Nothing answers on port 8081');
  });

  it('never forwards Deckhand credentials to the learner’s server, nor its cookies back', async () => {
    const [a] = learners;
    if (!a) throw new Error('learner missing');
    const container = a.sandbox.containerId ?? '';
    await room.sandboxes.images.ensureImages(room.sandboxes.innerDocker(a.sandbox.address ?? ''), ['busybox']);
    // A one-shot server that records the request it got and tries to set Deckhand's cookie.
    const reply = 'HTTP/1.0 200 OK\\r\\nSet-Cookie: dh_session=stolen; Path=/\\r\\nContent-Length: 2\\r\\n\\r\\nhi';
    const started = await execIn(room.host, container, `docker run -d --name spy -p 8089:8089 busybox sh -c 'printf "${reply}" | nc -l -p 8089 > /tmp/request; sleep 600'`);
    expect(started.exitCode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await request(room.app).get(`/sandboxes/${a.sandbox.id}/ports/8089/page?x=1`).set('Cookie', a.cookie).set('Authorization', 'Bearer secret');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const seen = await execIn(room.host, container, 'docker exec spy cat /tmp/request');
    expect(seen.output).toContain('GET /page?x=1');
    expect(seen.output).not.toContain('dh_session');
    expect(seen.output).not.toContain('Bearer');
    await execIn(room.host, container, 'docker rm -f spy');
  });

  it('keeps sandboxes apart: from inside A, B’s address and B’s engine port do not answer', async () => {
    const [a, b] = learners;
    if (!a || !b) throw new Error('learners missing');
    const probe = await execIn(
      room.host,
      a.sandbox.containerId ?? '',
      `for p in 2375 12345; do if timeout 3 bash -c "exec 3<>/dev/tcp/${b.sandbox.address}/$p" 2>/dev/null; then echo "open $p"; else echo "closed $p"; fi; done`,
    );
    expect(probe.output).toContain('closed 2375');
    expect(probe.output).toContain('closed 12345');
    // The same probe reaches A's own engine, so "closed" above means isolation, not a broken probe.
    const self = await execIn(room.host, a.sandbox.containerId ?? '', `timeout 3 bash -c "exec 3<>/dev/tcp/${a.sandbox.address}/2375" && echo open`);
    expect(self.output).toContain('open');
  });

  it('mounts no host socket and publishes no port on the host', async () => {
    for (const learner of learners) {
      const info = await room.host.getContainer(learner.sandbox.containerId ?? '').inspect();
      expect(info.Mounts.map((m) => m.Source).join(' ')).not.toContain('docker.sock');
      expect(info.Mounts.map((m) => m.Destination)).toEqual(['/var/lib/docker']);
      expect(info.HostConfig.Binds ?? []).toEqual([]);
      expect(Object.values(info.NetworkSettings.Ports ?? {}).flat().filter(Boolean)).toEqual([]);
      expect(info.HostConfig.Memory).toBe(512 * 1024 * 1024);
      expect(info.HostConfig.PidsLimit).toBeGreaterThan(0);
      expect(info.HostConfig.NanoCpus).toBeGreaterThan(0);
      expect(info.Config.Labels['deckhand.user']).toBe(String(learner.id));
    }
  });

  it('refuses to grade a sandbox through another learner’s driver', () => {
    const [a, b] = learners;
    if (!a || !b) throw new Error('learners missing');
    expect(() => room.sandboxes.forLearner(a.id).docker(b.ref)).toThrow(/ended/);
  });

  it('ends an attempt by removing what the learner made inside, keeping the copied images', async () => {
    const [a] = learners;
    if (!a) throw new Error('learner missing');
    const report = await room.sandboxes.forLearner(a.id).endAttempt(a.ref);
    expect(report.problems).toEqual([]);
    expect(report.removed.containers.length).toBeGreaterThanOrEqual(1);
    const inner = room.sandboxes.innerDocker(a.sandbox.address ?? '');
    expect(await inner.listContainers({ all: true })).toEqual([]);
    expect((await inner.getImage('nginx').inspect()).Id).toMatch(/^sha256:/);
  });

  it('lets only the owner or an instructor end a sandbox', async () => {
    const [a, b] = learners;
    if (!a || !b) throw new Error('learners missing');
    const res = await request(room.app).post(`/sandboxes/${b.sandbox.id}/end`).set('Cookie', a.cookie).set('Accept', 'application/json');
    // CSRF runs first for a POST; either way the sandbox stays.
    expect([403]).toContain(res.status);
    expect(room.sandboxes.live(b.sandbox.id)).toBeDefined();
  });
});
