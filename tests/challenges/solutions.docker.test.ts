import { afterEach, describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/challenges/schema.js';
import { dockerAvailable } from '../support/docker.js';
import { challenges, checkUntil, hostService, leftovers, runCommands } from './harness.js';

const hasDocker = await dockerAvailable();

/** Checks about a container the setup made may pass before the learner does anything. */
function aboutSetup(challenge: Challenge, expect: Challenge['checks'][number]['expect']): boolean {
  const setupNames = new Set((challenge.setup?.containers ?? []).map((c) => c.name));
  return 'container' in expect && expect.container.name !== undefined && setupNames.has(expect.container.name);
}

describe.skipIf(!hasDocker)('every challenge is proven by its reference solution', () => {
  const { service, docker } = hasDocker ? hostService() : ({} as ReturnType<typeof hostService>);
  let live: string | undefined;

  afterEach(async () => {
    // A failed assertion must not leave a sandbox behind for the next challenge.
    if (live && service.live(null, live)) await service.end(null, live);
    live = undefined;
  });

  for (const challenge of challenges) {
    it(`${challenge.id}: fails at start, passes after the solution, leaves nothing behind`, async () => {
      const { attempt } = await service.start(null, challenge.id);
      live = challenge.id;

      const before = await service.check(null, challenge.id);
      expect(before.allPassed).toBe(false);
      const passedEarly = before.results.filter((r) => r.passed).map((r) => r.id);
      const allowed = challenge.checks.filter((c) => aboutSetup(challenge, c.expect)).map((c) => c.id);
      expect(passedEarly.filter((id) => !allowed.includes(id))).toEqual([]);

      runCommands(challenge.solution);
      const after = await checkUntil(service, challenge.id, (outcome) => outcome.allPassed);
      expect(after.results.filter((r) => !r.passed)).toEqual([]);
      expect(after.attempt.status).toBe('passed');

      const { report } = await service.end(null, challenge.id);
      live = undefined;
      expect(report.problems).toEqual([]);
      expect(await leftovers(docker, challenge, attempt.sandbox)).toEqual([]);
    });
  }
});
