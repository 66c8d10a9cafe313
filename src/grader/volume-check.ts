import type { VolumeExpect } from '../challenges/schema.js';
import { containerName, type CheckType, type Verdict } from './check-type.js';
import { selectContainers, selectorWords } from './container-select.js';
import type { ContainerFacts, Snapshot } from './snapshot.js';

function mountsVolume(container: ContainerFacts, name: string): boolean {
  return (container.Mounts ?? []).some((mount) => mount.Type === 'volume' && mount.Name === name);
}

/** Grades a named volume of the attempt: exists (or is gone), its driver, labels and users. */
export class VolumeCheck implements CheckType<VolumeExpect> {
  readonly kind = 'volume';

  evaluate(expect: VolumeExpect, snapshot: Snapshot): Verdict {
    const volume = snapshot.volumes.find((candidate) => candidate.Name === expect.name);
    if (expect.absent) {
      return {
        passed: !volume,
        expected: `no volume ${expect.name}`,
        observed: volume ? `volume ${expect.name} is still there` : `no volume ${expect.name}`,
      };
    }
    if (!volume) {
      const names = snapshot.volumes.map((candidate) => candidate.Name);
      const observed = names.length ? `this attempt's volumes: ${names.join(', ')}` : 'no volumes in this attempt';
      return { passed: false, expected: `a volume named ${expect.name}`, observed };
    }
    const expected: string[] = [];
    const observed: string[] = [];
    let passed = true;
    if (expect.driver !== undefined && volume.Driver !== expect.driver) {
      passed = false;
      expected.push(`driver ${expect.driver}`);
      observed.push(`driver ${volume.Driver}`);
    }
    for (const [key, value] of Object.entries(expect.labels ?? {})) {
      if (volume.Labels?.[key] === value) continue;
      passed = false;
      expected.push(`label ${key}=${value}`);
      observed.push(volume.Labels?.[key] === undefined ? `no label ${key}` : `label ${key}=${volume.Labels[key] ?? ''}`);
    }
    for (const selector of expect.usedBy ?? []) {
      const users = selectContainers(snapshot, selector);
      if (users.some((container) => mountsVolume(container, expect.name))) continue;
      passed = false;
      expected.push(`mounted by ${selectorWords(selector)}`);
      const mounting = snapshot.containers.filter((c) => mountsVolume(c, expect.name)).map(containerName);
      observed.push(mounting.length ? `mounted by ${mounting.join(', ')}` : 'mounted by no container');
    }
    if (passed) return { passed, expected: `a volume named ${expect.name}`, observed: `found volume ${expect.name}` };
    return { passed, expected: `volume ${expect.name}: ${expected.join('; ')}`, observed: `volume ${expect.name}: ${observed.join('; ')}` };
  }
}
