import type { ContainerExpect } from '../challenges/schema.js';
import { containerName, type CheckType, type Verdict } from './check-type.js';
import { attemptContainersWords, containerWords, selectContainers, selectorWords } from './container-select.js';
import { readProperties } from './container-properties.js';
import type { Snapshot } from './snapshot.js';

/**
 * Grades a container: select the attempt's containers by name, image or labels, then pass when
 * any one of them has every stated property. When none does, the message is about the container
 * that came closest, and names only the properties it got wrong.
 */
export class ContainerCheck implements CheckType<ContainerExpect> {
  readonly kind = 'container';

  imagesNeeded(expect: ContainerExpect): { tags: string[]; history: boolean } {
    return { tags: expect.image ? [expect.image] : [], history: false };
  }

  evaluate(expect: ContainerExpect, snapshot: Snapshot): Verdict {
    const who = selectorWords(expect);
    const candidates = selectContainers(snapshot, expect);
    if (expect.absent) {
      return {
        passed: candidates.length === 0,
        expected: `no ${who.replace(/^a container|^container/, 'container')}`,
        observed: candidates.length === 0 ? 'none left' : `found ${candidates.map(containerWords).join(', ')}`,
      };
    }
    if (candidates.length === 0) {
      const first = readProperties(expect, { ...placeholder }, snapshot).map((r) => r.expected);
      return {
        passed: false,
        expected: first.length > 0 ? `${who}: ${first.join('; ')}` : who,
        observed: attemptContainersWords(snapshot),
      };
    }
    let best: { name: string; readings: ReturnType<typeof readProperties>; wrong: number } | undefined;
    for (const container of candidates) {
      const readings = readProperties(expect, container, snapshot);
      const wrong = readings.filter((r) => !r.ok).length;
      if (!best || wrong < best.wrong) best = { name: containerName(container), readings, wrong };
      if (wrong === 0) break;
    }
    if (!best) throw new Error('unreachable: candidates is not empty');
    if (best.readings.length === 0) {
      return { passed: true, expected: who, observed: `found ${best.name}` };
    }
    const shown = best.wrong === 0 ? best.readings : best.readings.filter((r) => !r.ok);
    return {
      passed: best.wrong === 0,
      expected: `${who}: ${shown.map((r) => r.expected).join('; ')}`,
      observed: `${best.name}: ${shown.map((r) => r.observed).join('; ')}`,
    };
  }
}

// Expected-side words only depend on the expectation, so a blank container lets the
// "nothing matched" message still say what the check wanted.
const placeholder = {
  Id: '',
  Name: '',
  Created: '',
  Image: '',
  State: { Status: '', Running: false, ExitCode: 0 },
  Config: { Image: '' },
  HostConfig: {},
};
