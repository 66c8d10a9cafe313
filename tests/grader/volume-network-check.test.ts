import { describe, expect, it } from 'vitest';
import { NetworkCheck } from '../../src/grader/network-check.js';
import { VolumeCheck } from '../../src/grader/volume-check.js';
import { fixtureSnapshot } from './fixtures.js';

describe('volume check', () => {
  const check = new VolumeCheck();

  it('passes an existing volume with its driver, labels and users', () => {
    const verdict = check.evaluate(
      { name: 'fx-data', driver: 'local', labels: { 'deckhand.fixture': '1' }, usedBy: [{ name: 'fx-volume-v' }, { name: 'fx-volume-mount' }] },
      fixtureSnapshot(),
    );
    expect(verdict.passed).toBe(true);
  });

  it('says who mounts the volume when the expected container does not', () => {
    const verdict = check.evaluate({ name: 'fx-data', usedBy: [{ name: 'fx-box' }] }, fixtureSnapshot());
    expect(verdict).toMatchObject({
      passed: false,
      expected: 'volume fx-data: mounted by container fx-box',
      observed: 'volume fx-data: mounted by fx-volume-v, fx-volume-mount',
    });
  });

  it('fails a missing volume and passes "absent" for it', () => {
    expect(check.evaluate({ name: 'nope' }, fixtureSnapshot()).observed).toBe("this attempt's volumes: fx-data");
    expect(check.evaluate({ name: 'nope', absent: true }, fixtureSnapshot()).passed).toBe(true);
    expect(check.evaluate({ name: 'fx-data', absent: true }, fixtureSnapshot()).passed).toBe(false);
  });
});

describe('network check', () => {
  const check = new NetworkCheck();

  it('passes a bridge network with its member', () => {
    const verdict = check.evaluate({ name: 'fx-net', driver: 'bridge', attached: [{ name: 'fx-volume-v' }] }, fixtureSnapshot());
    expect(verdict.passed).toBe(true);
  });

  it('names the members when one is missing', () => {
    const verdict = check.evaluate({ name: 'fx-net', attached: [{ name: 'fx-box' }] }, fixtureSnapshot());
    expect(verdict).toMatchObject({ passed: false, observed: 'network fx-net: attached: fx-volume-v' });
  });

  it('fails a wrong driver', () => {
    expect(check.evaluate({ name: 'fx-net', driver: 'overlay' }, fixtureSnapshot()).observed).toBe('network fx-net: driver bridge');
  });
});
