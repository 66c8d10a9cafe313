import { describe, expect, it } from 'vitest';
import { createChallengeService } from '../../src/challenges/attempts.js';
import { ChallengeSchema } from '../../src/challenges/schema.js';
import { runChallengeCommand } from '../../src/cli/challenge-command.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { FakeDriver } from '../challenges/fake-driver.js';

const challenge = ChallengeSchema.parse({
  id: 'demo',
  title: 'Demo',
  topic: 'Tests',
  images: ['busybox'],
  task: 'Run a container named web.',
  checks: [{ id: 'web', describe: 'web exists', expect: { container: { name: 'web' } }, hint: 'docker run --name web' }],
  hints: ['Use docker run.'],
  solution: ['docker run -d --name web busybox sleep 60'],
});

async function run(...args: string[]) {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const service = createChallengeService({ db, driver: new FakeDriver(), challenges: [challenge] });
  const lines: string[] = [];
  const exec = async (...more: string[]) => runChallengeCommand(more, service, (line) => lines.push(line));
  return { exec, lines, first: await exec(...args) };
}

describe('deckhand challenge', () => {
  it('prints the task and the warnings on start', async () => {
    const { first, lines } = await run('start', 'demo');
    expect(first).toBe(0);
    expect(lines).toEqual([
      '# Demo\n\nRun a container named web.\n',
      'warning: port 1 is taken',
      'When you are done: deckhand challenge check demo',
    ]);
  });

  it('prints each failing check with expected, found and hint, and exits 1', async () => {
    const { exec, lines } = await run('start', 'demo');
    lines.length = 0;
    expect(await exec('check', 'demo')).toBe(1);
    expect(lines).toEqual([
      '✘ web — web exists',
      '    expected: container web',
      '    found:    no containers in this attempt',
      '    hint:     docker run --name web',
      '0 of 1 checks pass.',
    ]);
  });

  it('prints hints one by one and the solution on give-up', async () => {
    const { exec, lines } = await run('start', 'demo');
    lines.length = 0;
    await exec('hint', 'demo');
    await exec('hint', 'demo');
    await exec('give-up', 'demo');
    expect(lines).toEqual([
      'Hint 1 of 1: Use docker run.',
      'No more hints (there were 1).',
      'A reference solution:',
      '  docker run -d --name web busybox sleep 60',
    ]);
  });

  it('exits 1 with a plain message when there is no sandbox, and 2 on bad usage', async () => {
    const { first, lines, exec } = await run('check', 'demo');
    expect(first).toBe(1);
    expect(lines).toEqual(['Challenge "demo" has no sandbox yet — start it first']);
    expect(await exec('frobnicate', 'demo')).toBe(2);
    expect(await exec('start')).toBe(2);
  });
});
