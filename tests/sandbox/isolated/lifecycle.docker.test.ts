import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_LABEL } from '../../../src/sandbox/isolated/container-spec.js';
import { reapExpiredSandboxes, reconcileSandboxes, sandboxJobs } from '../../../src/sandbox/isolated/lifecycle.js';
import { IsolatedSandboxes } from '../../../src/sandbox/isolated/sandbox-pool.js';
import { dockerAvailable } from '../../support/docker.js';
import { removeAllSandboxes, startClassroom, type Classroom } from './classroom-harness.js';

const hasDocker = await dockerAvailable();

async function containerExists(room: Classroom, id: string | null): Promise<boolean> {
  if (!id) return false;
  return room.host
    .getContainer(id)
    .inspect()
    .then(() => true)
    .catch(() => false);
}

describe.skipIf(!hasDocker)('sandbox lifecycle on a real engine', () => {
  let room: Classroom;

  beforeAll(async () => {
    room = await startClassroom({ DECKHAND_SANDBOX_TTL_MINUTES: '60', DECKHAND_SANDBOX_IDLE_MINUTES: '10', DECKHAND_SANDBOX_MAX: '3', DECKHAND_SANDBOX_STARTS_PER_HOUR: '3' });
  });
  afterEach(async () => {
    await Promise.all(room.sandboxes.store.live().map((s) => room.sandboxes.end(s.id, 'test finished')));
  });
  afterAll(async () => {
    await room?.close();
    await removeAllSandboxes();
  });

  it('gives a learner the same sandbox twice, and reaps it once idle too long', async () => {
    const { user } = await room.user('idle-ida');
    const [first, again] = await Promise.all([room.sandboxes.acquire(user.id), room.sandboxes.acquire(user.id)]);
    expect(again.id).toBe(first.id);
    expect((await room.sandboxes.acquire(user.id)).id).toBe(first.id);

    const nothing = await reapExpiredSandboxes(room.sandboxes, room.t.clock().getTime() + 5 * 60_000);
    expect(nothing.idle).toEqual([]);
    const report = await reapExpiredSandboxes(room.sandboxes, room.t.clock().getTime() + 11 * 60_000);
    expect(report.idle).toEqual([first.id]);
    expect(await containerExists(room, first.containerId)).toBe(false);
    expect(room.sandboxes.store.byId(first.id)).toMatchObject({ status: 'ended', endReason: 'it was idle too long' });
    expect((await room.host.listNetworks({ filters: { label: [`${SANDBOX_LABEL}=${first.id}`] } })).length).toBe(0);
  });

  it('reaps a sandbox past its time to live even when it is busy', async () => {
    const { user } = await room.user('busy-bea');
    const sandbox = await room.sandboxes.acquire(user.id);
    room.sandboxes.store.touch(sandbox.id, room.t.clock().getTime() + 59 * 60_000);
    const report = await reapExpiredSandboxes(room.sandboxes, room.t.clock().getTime() + 61 * 60_000);
    expect(report.expired).toEqual([sandbox.id]);
    expect(await containerExists(room, sandbox.containerId)).toBe(false);
  });

  it('reports a killed sandbox as lost instead of crashing, and starts a new one on the next acquire', async () => {
    const { user } = await room.user('killed-kim');
    const sandbox = await room.sandboxes.acquire(user.id);
    await room.host.getContainer(sandbox.containerId ?? '').kill();
    const status = await room.sandboxes.forLearner(user.id).status();
    expect(status.reachable).toBe(false);
    const report = await reapExpiredSandboxes(room.sandboxes, room.t.clock().getTime());
    expect(report.lost).toEqual([sandbox.id]);
    expect(room.sandboxes.store.byId(sandbox.id)).toMatchObject({ status: 'lost' });
    const next = await room.sandboxes.acquire(user.id);
    expect(next.id).not.toBe(sandbox.id);
  });

  it('reconciles at start-up: removes orphan containers and closes records whose container is gone', async () => {
    const { user: a } = await room.user('orphan-olga');
    const { user: b } = await room.user('dangling-dan');
    const orphan = await room.sandboxes.acquire(a.id);
    const dangling = await room.sandboxes.acquire(b.id);
    // A crash: the orphan's record vanished from the database, the dangling one's container died.
    room.t.db.run('DELETE FROM sandboxes WHERE id = ?', [orphan.id]);
    await room.host.getContainer(dangling.containerId ?? '').remove({ force: true, v: true });
    // A fresh service over the same database, as after a restart.
    const restarted = new IsolatedSandboxes({ db: room.t.db, host: room.host, config: room.sandboxes.config, clock: room.t.clock, logger: room.t.deps.logger });
    const report = await reconcileSandboxes(restarted);
    expect(report.removedOrphans).toContain(orphan.id);
    expect(report.closedRecords).toEqual([dangling.id]);
    expect(await containerExists(room, orphan.containerId)).toBe(false);
    expect(restarted.store.byId(dangling.id)).toMatchObject({ status: 'lost' });
    expect((await room.host.listNetworks({ filters: { label: [SANDBOX_LABEL] } })).length).toBe(0);
  });

  it('stops at the server-wide limit with a message that names it', async () => {
    const users = await Promise.all(['l1', 'l2', 'l3', 'l4'].map((name) => room.user(name)));
    await Promise.all(users.slice(0, 3).map(({ user }) => room.sandboxes.acquire(user.id)));
    await expect(room.sandboxes.acquire(users[3]?.user.id ?? 0)).rejects.toThrow('The class has 3 sandboxes running; the limit is 3');
  });

  it('stops a learner who starts too many sandboxes in an hour', async () => {
    const { user } = await room.user('churn-chris');
    for (let i = 0; i < 3; i++) {
      const sandbox = await room.sandboxes.acquire(user.id);
      await room.sandboxes.end(sandbox.id);
    }
    await expect(room.sandboxes.acquire(user.id)).rejects.toThrow('You have started 3 sandboxes in the last hour; the limit is 3');
  });

  it('declares the reaper as a job', () => {
    expect(sandboxJobs(room.sandboxes).map((job) => job.name)).toEqual(['reap-sandboxes']);
  });
});

describe.skipIf(!hasDocker)('the warm pool', () => {
  let room: Classroom;
  beforeAll(async () => {
    room = await startClassroom({ DECKHAND_SANDBOX_WARM_POOL: '1' });
  });
  afterAll(async () => {
    await room?.close();
    await removeAllSandboxes();
  });

  it('hands out a ready sandbox at once and refills itself', async () => {
    expect(await room.sandboxes.fillWarmPool()).toBe(1);
    const { user } = await room.user('quick-quinn');
    const started = performance.now();
    const sandbox = await room.sandboxes.acquire(user.id);
    expect(performance.now() - started).toBeLessThan(100);
    expect(sandbox).toMatchObject({ status: 'ready', userId: user.id });
    await expect(room.sandboxes.forLearner(user.id).status()).resolves.toMatchObject({ reachable: true });
    await expect.poll(() => room.sandboxes.store.countWarm(), { timeout: 30_000, interval: 200 }).toBe(1);
  });
});
