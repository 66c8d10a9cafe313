import { describe, expect, it } from 'vitest';
import { FairGate } from '../../src/accounts/fair-gate.js';
import { hashPassword, passwordHashing, verifyPassword } from '../../src/accounts/passwords.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the hashing gate', () => {
  it('runs at most two password hashes at once however many are asked for', async () => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, passwordHashing.running)), 1);
    const hashes = Array.from({ length: 8 }, (_, i) => hashPassword(`password number ${i}`, 'one student'));
    await tick();
    expect(passwordHashing.running).toBe(2);
    expect(passwordHashing.queued).toBe(6);
    const stored = await Promise.all(hashes);
    clearInterval(watch);
    expect(most).toBe(2);
    expect(passwordHashing.running).toBe(0);
    expect(await verifyPassword('password number 3', stored[3] ?? '')).toBe(true);
  });

  it('gives each key one turn per round, so one sender cannot keep the others waiting', async () => {
    const gate = new FairGate(1);
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        order.push(name);
        releases.push(resolve);
      });
    const done = [
      ...['m1', 'm2', 'm3', 'm4'].map((name) => gate.run('mallory', task(name))),
      gate.run('ada', task('a1')),
      gate.run('sam', task('s1')),
    ];
    for (let i = 0; i < 6; i++) {
      await tick();
      releases.shift()?.();
    }
    await Promise.all(done);
    // m1 was already running; after it, the round goes mallory, ada, sam, then mallory's rest.
    expect(order).toEqual(['m1', 'm2', 'a1', 's1', 'm3', 'm4']);
  });

  it('frees its slot when a task fails', async () => {
    const gate = new FairGate(1);
    await expect(gate.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.running).toBe(0);
    await expect(gate.run('k', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
