import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';
import { ensureImages, missingImagesMessage } from '../images/ensure.js';
import type { EngineStatus, SandboxDriver } from '../sandbox/driver.js';
import { HostSandboxDriver } from '../sandbox/host-driver.js';
import { createChallengeService, type ChallengeService } from './attempts.js';
import { ChallengeFormatError, loadChallenges } from './load.js';
import type { Challenge } from './schema.js';

/** Builds the sandbox driver a learner's attempts run in (host mode: the one local engine). */
export type DriverFor = (userId: number | null) => SandboxDriver;

export interface ChallengeHubDeps {
  db: Database;
  contentDir: string;
  /** The local engine: host mode's sandbox, and in a classroom the engine the sandboxes run on. */
  docker: Docker;
  endpoint: string;
  clock: () => Date;
  /** The learner's day (their time zone and the rollover hour), for scheduling challenges. */
  today: (userId: number | null) => Day;
  /** Isolated mode passes the classroom's per-learner drivers; host mode uses the local engine. */
  driverFor?: DriverFor;
}

const READINESS_TTL_MS = 5_000;

/**
 * The challenges as the running server knows them, and where each learner's attempts run. The
 * web pages and the CLI reach challenges through this; reviews never need it, so a missing engine
 * or broken challenge file only ever shows up on the challenge pages.
 */
export class ChallengeHub {
  private catalog: Challenge[] = [];
  private errors: string[] = [];
  private host: HostSandboxDriver;
  private readiness: { at: number; value: Promise<string[]> } | undefined;

  constructor(private readonly deps: ChallengeHubDeps) {
    this.host = new HostSandboxDriver({ docker: deps.docker, endpoint: deps.endpoint, protectTags: [] });
    this.reload();
  }

  get mode(): 'host' | 'isolated' {
    return this.deps.driverFor ? 'isolated' : 'host';
  }

  /** Re-reads content/challenges; a broken set keeps the last good one and reports file:line. */
  reload(): void {
    const dir = join(this.deps.contentDir, 'challenges');
    if (!existsSync(dir)) {
      this.catalog = [];
      this.errors = [];
      return;
    }
    try {
      const loaded = loadChallenges(dir);
      this.catalog = loaded;
      this.errors = [];
      this.protect(loaded);
    } catch (error) {
      if (!(error instanceof ChallengeFormatError)) throw error;
      this.errors = error.problems;
    }
    this.readiness = undefined;
  }

  list(): readonly Challenge[] {
    return this.catalog;
  }

  loadErrors(): readonly string[] {
    return this.errors;
  }

  driverFor(userId: number | null): SandboxDriver {
    return this.deps.driverFor ? this.deps.driverFor(userId) : this.host;
  }

  /** The use-cases (start, check, hint, give up, end) for one learner's attempts. */
  serviceFor(userId: number | null): ChallengeService {
    return createChallengeService({
      db: this.deps.db,
      driver: this.driverFor(userId),
      challenges: this.catalog,
      now: () => this.deps.clock().getTime(),
      today: this.deps.today,
    });
  }

  engineStatus(): Promise<EngineStatus> {
    return this.host.status();
  }

  /**
   * What stands between the learner and the challenges, in plain words: no engine, or images
   * not built. Empty when all is ready. The engine is asked every time (it fails fast when gone);
   * the image inventory is cached briefly, since the home page asks on every visit.
   */
  async notices(): Promise<string[]> {
    const status = await this.engineStatus();
    if (!status.reachable) return [`Challenges need a Docker engine. ${status.message}.`];
    const now = this.deps.clock().getTime();
    if (!this.readiness || now - this.readiness.at > READINESS_TTL_MS) {
      this.readiness = { at: now, value: this.missingImageNotices() };
    }
    return this.readiness.value;
  }

  private async missingImageNotices(): Promise<string[]> {
    const names = [...new Set(this.catalog.flatMap((challenge) => challenge.images))];
    try {
      const message = missingImagesMessage(await ensureImages(names, this.deps.docker));
      return message ? [`Some challenges cannot start yet: ${message}.`] : [];
    } catch (error) {
      return [`The Docker engine answered but its images could not be listed (${String(error)}).`];
    }
  }

  private protect(challenges: readonly Challenge[]): void {
    // Teardown must never remove an image a challenge is built on, even if the learner re-tags it.
    const tags = challenges.flatMap((challenge) => challenge.images);
    this.host = new HostSandboxDriver({ docker: this.deps.docker, endpoint: this.deps.endpoint, protectTags: tags });
  }
}
