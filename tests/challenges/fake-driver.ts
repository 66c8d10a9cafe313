import type Docker from 'dockerode';
import type { Challenge } from '../../src/challenges/schema.js';
import type { SandboxDriver, SandboxRef, StartedSandbox, TeardownReport } from '../../src/sandbox/driver.js';

/**
 * A driver over an empty engine, for the use-cases' unit tests: it records calls, and its
 * `docker()` answers the four list calls grading makes with nothing.
 */
export class FakeDriver implements SandboxDriver {
  readonly kind = 'host' as const;
  readonly started: string[] = [];
  readonly ended: string[] = [];
  reachable = true;

  async status() {
    return this.reachable
      ? { reachable: true as const, endpoint: 'fake', version: '0' }
      : { reachable: false as const, endpoint: 'fake', message: 'No Docker engine answered at fake' };
  }

  async startAttempt(attemptKey: string, challenge: Challenge): Promise<StartedSandbox> {
    this.started.push(attemptKey);
    const baseline = { containers: [], images: [], tags: [], volumes: [], networks: [] };
    return { sandbox: { driver: 'host', attemptKey, challengeId: challenge.id, startedAt: 0, baseline }, warnings: ['port 1 is taken'] };
  }

  docker(): Docker {
    const fail = (): Promise<never> => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const empty = <T>(value: T) => (this.reachable ? () => Promise.resolve(value) : fail);
    const engine = {
      listContainers: empty([]),
      listImages: empty([]),
      listVolumes: empty({ Volumes: [], Warnings: [] }),
      listNetworks: empty([]),
    };
    return engine as unknown as Docker;
  }

  httpBase(): string {
    return '127.0.0.1';
  }

  async endAttempt(sandbox: SandboxRef): Promise<TeardownReport> {
    this.ended.push(sandbox.attemptKey);
    return { removed: { containers: [], volumes: [], networks: [], images: [] }, problems: [] };
  }
}
