import Docker from 'dockerode';
import { engineAddress } from '../images/engine.js';
import type { Challenge } from '../challenges/schema.js';
import { normalizeTag } from '../grader/image-ref.js';
import type { AttemptBaseline, EngineStatus, SandboxDriver, SandboxRef, StartedSandbox, TeardownReport } from './driver.js';
import { EngineUnavailableError, isEngineUnreachable, SandboxError } from './errors.js';
import { takenPortWarnings } from './ports.js';
import { createSetup } from './setup.js';
import { removeAttemptResources } from './teardown.js';

export interface HostDriverOptions {
  /** The local engine's client; build it with `hostDocker()` or pass a test double. */
  docker: Docker;
  /** How the engine is addressed, for messages ("unix:///var/run/docker.sock"). */
  endpoint: string;
  /** Image references teardown must never remove (every challenge's images). */
  protectTags?: readonly string[];
}

/** The local engine from `DOCKER_HOST`, or the default socket. */
export function hostDocker(env: NodeJS.ProcessEnv = process.env): { docker: Docker; endpoint: string } {
  const endpoint = engineAddress(env);
  // dockerode reads DOCKER_HOST itself; an explicit socket path keeps the default visible.
  const docker = env.DOCKER_HOST ? new Docker() : new Docker({ socketPath: '/var/run/docker.sock' });
  return { docker, endpoint };
}

/**
 * Host mode: the learner's own engine. Setup resources carry the attempt's label; the baseline
 * taken at start tells the learner's earlier containers, images, volumes and networks apart from
 * the ones made for the attempt, so grading ignores them and teardown leaves them alone.
 */
export class HostSandboxDriver implements SandboxDriver {
  readonly kind = 'host' as const;
  private readonly protectTags: Set<string>;

  constructor(private readonly options: HostDriverOptions) {
    this.protectTags = new Set((options.protectTags ?? []).map(normalizeTag));
  }

  async status(): Promise<EngineStatus> {
    try {
      const version = await this.options.docker.version();
      return { reachable: true, endpoint: this.options.endpoint, version: version.Version };
    } catch {
      return { reachable: false, endpoint: this.options.endpoint, message: new EngineUnavailableError(this.options.endpoint).message };
    }
  }

  async startAttempt(attemptKey: string, challenge: Challenge): Promise<StartedSandbox> {
    const docker = this.options.docker;
    const [containers, images, volumes, networks] = await this.engine(() =>
      Promise.all([docker.listContainers({ all: true }), docker.listImages(), docker.listVolumes(), docker.listNetworks()]),
    );
    const present = new Set(images.flatMap((image) => (image.RepoTags ?? []).map(normalizeTag)));
    const missing = challenge.images.filter((image) => !present.has(normalizeTag(image)));
    if (missing.length > 0) {
      throw new SandboxError('missing-image', `This challenge needs the image ${missing.join(', ')}, which is not on this machine — run \`npm run images\` first`);
    }
    const baseline: AttemptBaseline = {
      containers: containers.map((c) => c.Id),
      images: images.map((image) => image.Id),
      tags: [...present],
      volumes: (volumes.Volumes ?? []).map((v) => v.Name),
      networks: networks.map((n) => n.Id),
    };
    const sandbox: SandboxRef = {
      driver: 'host',
      attemptKey,
      challengeId: challenge.id,
      startedAt: Date.now(),
      baseline,
      details: { protect: challenge.images.map(normalizeTag).join(' ') },
    };
    const warnings = await takenPortWarnings(challenge.ports, containers);
    try {
      await this.engine(() => createSetup(docker, attemptKey, challenge));
    } catch (error) {
      // A half-made setup would confuse the next attempt; take it all down before failing.
      await this.endAttempt(sandbox).catch(() => undefined);
      if (error instanceof SandboxError) throw error;
      throw new SandboxError('setup-failed', `Could not prepare the challenge: ${(error as Error).message}`);
    }
    return { sandbox, warnings };
  }

  docker(): Docker {
    return this.options.docker;
  }

  httpBase(): string {
    return '127.0.0.1';
  }

  async endAttempt(sandbox: SandboxRef): Promise<TeardownReport> {
    const protect = new Set([...this.protectTags, ...(sandbox.details?.protect ?? '').split(' ').filter(Boolean)]);
    return this.engine(() => removeAttemptResources(this.options.docker, sandbox, protect));
  }

  /** Runs an engine call, turning "nobody answered" into the plain-words error. */
  private async engine<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isEngineUnreachable(error)) throw new EngineUnavailableError(this.options.endpoint);
      throw error;
    }
  }
}
