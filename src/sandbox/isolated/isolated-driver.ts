import type Docker from 'dockerode';
import type { Challenge } from '../../challenges/schema.js';
import { normalizeTag } from '../../grader/image-ref.js';
import type { AttemptBaseline, EngineStatus, SandboxDriver, SandboxRef, StartedSandbox, TeardownReport } from '../driver.js';
import { createSetup } from '../setup.js';
import { removeAttemptResources } from '../teardown.js';
import { SandboxGoneError } from './errors.js';
import { pingInner } from './sandbox-engine.js';
import type { IsolatedSandboxes } from './sandbox-pool.js';
import type { SandboxRecord } from './sandbox-store.js';

/** What an isolated attempt stores in `SandboxRef.details`. */
export interface IsolatedDetails {
  sandboxId: string;
  containerId: string;
  address: string;
}

/** Everything the inner engine holds before the attempt, so grading and teardown ignore it. */
async function recordBaseline(docker: Docker): Promise<AttemptBaseline> {
  const [containers, images, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listImages(),
    docker.listVolumes(),
    docker.listNetworks(),
  ]);
  return {
    containers: containers.map((c) => c.Id),
    images: images.map((i) => i.Id),
    tags: images.flatMap((i) => (i.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>').map(normalizeTag)),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
    networks: networks.map((n) => n.Id),
  };
}

/** Ports the task needs that a container in the sandbox already publishes. */
async function takenPorts(docker: Docker, ports: readonly number[]): Promise<string[]> {
  if (ports.length === 0) return [];
  const containers = await docker.listContainers();
  const warnings: string[] = [];
  for (const port of ports) {
    const holder = containers.find((c) => c.Ports.some((p) => p.PublicPort === port));
    if (holder) warnings.push(`Port ${port} is already published by ${(holder.Names[0] ?? holder.Id).replace(/^\//, '')} in your sandbox.`);
  }
  return warnings;
}

/**
 * The isolated sandbox behind the `SandboxDriver` interface, bound to one learner. The address
 * in a stored `SandboxRef` is never trusted: every call looks the sandbox up again and checks it
 * is live and this learner's, because a later sandbox of another learner may get the same IP.
 */
export class IsolatedDriver implements SandboxDriver {
  readonly kind = 'isolated' as const;

  constructor(
    private readonly pool: IsolatedSandboxes,
    readonly userId: number,
  ) {}

  async status(): Promise<EngineStatus> {
    const record = this.pool.store.liveFor(this.userId);
    if (record?.address && record.status === 'ready') {
      const endpoint = `sandbox ${record.id}`;
      return (await pingInner(record.address))
        ? { reachable: true, endpoint, version: 'inner engine' }
        : { reachable: false, endpoint, message: 'Your sandbox does not answer; it may have stopped.' };
    }
    const endpoint = 'the classroom engine';
    try {
      const version = await this.pool.host.version();
      return { reachable: true, endpoint, version: version.Version };
    } catch (error) {
      return { reachable: false, endpoint, message: `No Docker engine answered for sandboxes: ${(error as Error).message}` };
    }
  }

  async startAttempt(attemptKey: string, challenge: Challenge): Promise<StartedSandbox> {
    const record = await this.pool.acquire(this.userId);
    const details = this.detailsOf(record);
    const docker = this.pool.innerDocker(details.address);
    const copy = await this.pool.images.ensureImages(docker, challenge.images);
    this.pool.logger.debug({ sandbox: record.id, ...copy }, 'challenge images in the sandbox');
    // The baseline comes after the copy, so the copied images are never the attempt's to remove.
    const baseline = await recordBaseline(docker);
    const startedAt = this.pool.now();
    await createSetup(docker, attemptKey, challenge);
    this.pool.touch(record.id);
    const sandbox: SandboxRef = {
      driver: 'isolated',
      attemptKey,
      challengeId: challenge.id,
      startedAt,
      baseline,
      details: { ...details },
    };
    return { sandbox, warnings: await takenPorts(docker, challenge.ports) };
  }

  docker(sandbox: SandboxRef): Docker {
    const record = this.resolve(sandbox);
    this.pool.touch(record.id);
    return this.pool.innerDocker(this.detailsOf(record).address);
  }

  httpBase(sandbox: SandboxRef): string {
    return this.detailsOf(this.resolve(sandbox)).address;
  }

  async endAttempt(sandbox: SandboxRef): Promise<TeardownReport> {
    let record: SandboxRecord;
    try {
      record = this.resolve(sandbox);
    } catch (error) {
      // The whole engine went with the sandbox: nothing of the attempt is left to remove.
      if (error instanceof SandboxGoneError) return { removed: { containers: [], volumes: [], networks: [], images: [] }, problems: [] };
      throw error;
    }
    return removeAttemptResources(this.pool.innerDocker(this.detailsOf(record).address), sandbox, new Set());
  }

  private resolve(sandbox: SandboxRef): SandboxRecord {
    const id = sandbox.details?.sandboxId;
    const record = id === undefined ? undefined : this.pool.live(id);
    if (!record || record.userId !== this.userId || record.status !== 'ready') throw new SandboxGoneError();
    return record;
  }

  private detailsOf(record: SandboxRecord): IsolatedDetails {
    if (!record.containerId || !record.address) throw new SandboxGoneError('This sandbox is not ready yet.');
    return { sandboxId: record.id, containerId: record.containerId, address: record.address };
  }
}
