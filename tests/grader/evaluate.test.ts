import { describe, expect, it } from 'vitest';
import { ChallengeSchema } from '../../src/challenges/schema.js';
import { evaluateChecks } from '../../src/grader/evaluate.js';
import { fixtureSnapshot, meta } from './fixtures.js';

const challenge = ChallengeSchema.parse({
  id: 'publish-port',
  title: 'Publish',
  topic: 'Networking',
  images: [meta.web],
  task: 'Publish it.',
  checks: [
    { id: 'running', describe: 'runs', expect: { container: { image: meta.web, state: 'running' } }, hint: 'Use -d.' },
    { id: 'published', describe: 'published', expect: { container: { image: meta.web, publishes: { '80/tcp': 12345 } } }, hint: '-p HOST:CONTAINER' },
  ],
  solution: ['docker run -d -p 12345:80 nginx'],
});

describe('evaluateChecks', () => {
  it('grades every check in order and gives a hint only where a check failed', () => {
    const results = evaluateChecks(challenge, fixtureSnapshot(['fx-reversed']));
    expect(results.map((r) => [r.id, r.passed, r.hint])).toEqual([
      ['running', true, undefined],
      ['published', false, '-p HOST:CONTAINER'],
    ]);
    expect(results[1]).toMatchObject({ describe: 'published', observed: 'fx-reversed: 12345/tcp → 80' });
  });

  it('is a pure function of the snapshot', () => {
    const snapshot = fixtureSnapshot(['fx-published']);
    expect(evaluateChecks(challenge, snapshot)).toEqual(evaluateChecks(challenge, snapshot));
    expect(evaluateChecks(challenge, snapshot).every((r) => r.passed)).toBe(true);
  });
});
