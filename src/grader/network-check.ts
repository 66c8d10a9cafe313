import type { NetworkExpect } from '../challenges/schema.js';
import { containerName, type CheckType, type Verdict } from './check-type.js';
import { selectContainers, selectorWords } from './container-select.js';
import type { ContainerFacts, Snapshot } from './snapshot.js';

function attachedTo(container: ContainerFacts, name: string): boolean {
  return Object.keys(container.NetworkSettings?.Networks ?? {}).includes(name);
}

/** Grades a user-defined network of the attempt: exists (or is gone), driver, labels, members. */
export class NetworkCheck implements CheckType<NetworkExpect> {
  readonly kind = 'network';

  evaluate(expect: NetworkExpect, snapshot: Snapshot): Verdict {
    const network = snapshot.networks.find((candidate) => candidate.Name === expect.name);
    if (expect.absent) {
      return {
        passed: !network,
        expected: `no network ${expect.name}`,
        observed: network ? `network ${expect.name} is still there` : `no network ${expect.name}`,
      };
    }
    if (!network) {
      const names = snapshot.networks.map((candidate) => candidate.Name);
      const observed = names.length ? `this attempt's networks: ${names.join(', ')}` : 'no networks made in this attempt';
      return { passed: false, expected: `a network named ${expect.name}`, observed };
    }
    const expected: string[] = [];
    const observed: string[] = [];
    if (expect.driver !== undefined && network.Driver !== expect.driver) {
      expected.push(`driver ${expect.driver}`);
      observed.push(`driver ${network.Driver}`);
    }
    for (const [key, value] of Object.entries(expect.labels ?? {})) {
      if (network.Labels?.[key] === value) continue;
      expected.push(`label ${key}=${value}`);
      observed.push(network.Labels?.[key] === undefined ? `no label ${key}` : `label ${key}=${network.Labels[key] ?? ''}`);
    }
    for (const selector of expect.attached ?? []) {
      if (selectContainers(snapshot, selector).some((container) => attachedTo(container, expect.name))) continue;
      expected.push(`${selectorWords(selector)} attached`);
      const members = snapshot.containers.filter((c) => attachedTo(c, expect.name)).map(containerName);
      observed.push(members.length ? `attached: ${members.join(', ')}` : 'no container attached');
    }
    if (expected.length === 0) {
      return { passed: true, expected: `a network named ${expect.name}`, observed: `found network ${expect.name}` };
    }
    return { passed: false, expected: `network ${expect.name}: ${expected.join('; ')}`, observed: `network ${expect.name}: ${observed.join('; ')}` };
  }
}
