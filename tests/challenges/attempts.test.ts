import { describe, expect, it } from 'vitest';
import { createChallengeService } from '../../src/challenges/attempts.js';
import { ChallengeSchema } from '../../src/challenges/schema.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { FakeDriver } from './fake-driver.js';

const challenge = ChallengeSchema.parse({
  id: 'demo',
  title: 'Demo',
  topic: 'Tests',
  images: ['busybox'],
  task: 'Nothing.',
  checks: [{ id: 'gone', describe: 'no web container', expect: { container: { name: 'web', absent: true } } }],
  hints: ['first', 'second'],
  solution: ['docker rm -f web'],
});

function build() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const driver = new FakeDriver();
  let clock = 1_000;
  const service = createChallengeService({ db, driver, challenges: [challenge], now: () => clock++ });
  return { db, driver, service };
}

describe('challenge attempts', () => {
  it('starts one live sandbox per learner and challenge', async () => {
    const { service, driver } = build();
    const { attempt, warnings } = await service.start(null, 'demo');
    expect(attempt).toMatchObject({ userId: null, challengeId: 'demo', status: 'active', endedAt: null });
    expect(warnings).toEqual(['port 1 is taken']);
    await expect(service.start(null, 'demo')).rejects.toThrow('Challenge "demo" already has a sandbox — check it, or end it before starting again');
    expect(driver.started).toHaveLength(1);
  });

  it('says plainly when a challenge does not exist or has no sandbox', async () => {
    const { service } = build();
    await expect(service.start(null, 'nope')).rejects.toThrow('There is no challenge called "nope"');
    await expect(service.check(null, 'demo')).rejects.toThrow('Challenge "demo" has no sandbox yet — start it first');
  });

  it('counts checks and marks the attempt passed when every check passes', async () => {
    const { service } = build();
    await service.start(null, 'demo');
    const outcome = await service.check(null, 'demo');
    expect(outcome.allPassed).toBe(true);
    expect(outcome.attempt).toMatchObject({ status: 'passed', checksRun: 1 });
    expect(outcome.attempt.passedAt).not.toBeNull();
  });

  it('hands out hints one at a time, then says there are no more', async () => {
    const { service } = build();
    await service.start(null, 'demo');
    expect(service.nextHint(null, 'demo')).toEqual({ hint: 'first', number: 1, total: 2 });
    expect(service.nextHint(null, 'demo')).toEqual({ hint: 'second', number: 2, total: 2 });
    expect(service.nextHint(null, 'demo')).toEqual({ hint: null, number: 2, total: 2 });
    expect(service.live(null, 'demo')?.hintsUsed).toBe(2);
  });

  it('gives up with the solution, and ends by tearing the sandbox down', async () => {
    const { service, driver } = build();
    await service.start(null, 'demo');
    expect(service.giveUp(null, 'demo')).toMatchObject({ attempt: { status: 'gave_up' }, solution: ['docker rm -f web'] });
    const { attempt } = await service.end(null, 'demo');
    expect(attempt).toMatchObject({ status: 'gave_up' });
    expect(attempt.endedAt).not.toBeNull();
    expect(driver.ended).toEqual(driver.started);
    expect(service.live(null, 'demo')).toBeUndefined();
    expect(service.list(null)[0]?.latest?.status).toBe('gave_up');
  });

  it('keeps accounts apart from the CLI learner', async () => {
    const { service, db } = build();
    db.run(`INSERT INTO users (id, username, display_name, password_hash, role, time_zone, created_at) VALUES (7, 'ann', 'Ann', 'x', 'student', 'UTC', 0)`);
    await service.start(null, 'demo');
    await service.start(7, 'demo');
    await service.end(7, 'demo');
    expect(service.live(null, 'demo')).toBeDefined();
  });

  it('reports a vanished engine in plain words and keeps the attempt live', async () => {
    const { service, driver } = build();
    await service.start(null, 'demo');
    driver.reachable = false;
    await expect(service.check(null, 'demo')).rejects.toThrow('No Docker engine answered at fake');
    driver.reachable = true;
    expect((await service.check(null, 'demo')).allPassed).toBe(true);
  });

  it('reset ends the live sandbox and starts a fresh one', async () => {
    const { service, driver } = build();
    await service.start(null, 'demo');
    await service.reset(null, 'demo');
    expect(driver.started).toHaveLength(2);
    expect(driver.ended).toEqual([driver.started[0]]);
  });

  it('calls exactly one of two racing Checks the first pass, and a give-up after it nothing', async () => {
    const { service } = build();
    await service.start(null, 'demo');
    const [a, b] = await Promise.all([service.check(null, 'demo'), service.check(null, 'demo')]);
    expect([a.firstPass, b.firstPass].sort()).toEqual([false, true]);
    expect(service.giveUp(null, 'demo').gaveUp).toBe(false);
    expect((await service.check(null, 'demo')).firstPass).toBe(false);
  });

  it('schedules the challenge with SM-2 once, at the first pass, for the CLI learner too', async () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    const service = createChallengeService({ db, driver: new FakeDriver(), challenges: [challenge], today: () => '2026-03-10' });
    await service.start(null, 'demo');
    await service.check(null, 'demo');
    await service.check(null, 'demo');
    expect(db.all('SELECT user_id, repetitions, easiness, due_day FROM challenge_states')).toEqual([
      { user_id: null, repetitions: 1, easiness: 260, due_day: '2026-03-11' },
    ]);
  });

  it('schedules a give-up as quality 1', async () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    const failing = ChallengeSchema.parse({ ...challenge, checks: [{ id: 'web', describe: 'a web container', expect: { container: { name: 'web' } } }] });
    const service = createChallengeService({ db, driver: new FakeDriver(), challenges: [failing], today: () => '2026-03-10' });
    await service.start(null, 'demo');
    expect((await service.check(null, 'demo')).firstPass).toBe(false);
    expect(service.giveUp(null, 'demo').gaveUp).toBe(true);
    expect(db.all('SELECT repetitions, easiness, interval_days FROM challenge_states')).toEqual([{ repetitions: 0, easiness: 196, interval_days: 1 }]);
  });
});
