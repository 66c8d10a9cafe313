import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChallenges } from '../../src/challenges/load.js';

const dir = fileURLToPath(new URL('../../content/challenges', import.meta.url));

describe('the challenges in content/challenges', () => {
  const challenges = loadChallenges(dir);

  it('load without a problem and number at least twelve', () => {
    expect(challenges.length).toBeGreaterThanOrEqual(12);
  });

  it('cover the hands-on topics of the notes', () => {
    const ids = challenges.map((c) => c.id);
    for (const id of [
      'run-detached', 'interactive-shell', 'exec-into-container', 'publish-port', 'publish-all-ports',
      'bind-mount-page', 'named-volume', 'environment-variables', 'restart-policy', 'build-image',
      'tag-and-save', 'pause-container', 'prune',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('each give hints and a reference solution', () => {
    for (const challenge of challenges) {
      expect(challenge.hints.length, challenge.id).toBeGreaterThan(0);
      expect(challenge.solution.length, challenge.id).toBeGreaterThan(0);
    }
  });
});
