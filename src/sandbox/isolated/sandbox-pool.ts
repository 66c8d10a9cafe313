import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logging/logger.js';
import type { SandboxDriver } from '../driver.js';
import type { IsolatedConfig } from './config.js';
import { SandboxLimitError, SandboxStartError } from './errors.js';
import { ImageCopier } from './image-copy.js';
import { IsolatedDriver } from './isolated-driver.js';
import { containerRunning, createSandboxContainer, innerEngine, removeSandboxContainer, waitForInnerEngine } from './sandbox-engine.js';
import { SandboxStore, type SandboxRecord } from './sandbox-store.js';

export interface IsolatedSandboxesDeps {
  db: Database;
  /** The host engine, where sandbox containers run. */
  host: Docker;
  config: IsolatedConfig;
  clock: () => Date;
  logger: Logger;
  /** Where exported images are kept between copies; a folder under the OS temp dir by default. */
  imageCacheDir?: string;
}

// Activity is written at most this often per sandbox: a keystroke must not be a database write.
const TOUCH_EVERY_MS = 10_000;
const HOUR_MS = 3_600_000;

/**
 * The classroom's sandboxes: one disposable Docker-in-Docker container per learner, each on its
 * own bridge network. The database row is the truth about who owns which sandbox; containers
 * carry labels only so that reconcile can find them after a crash. Emits `ended` (sandbox id)
 * whenever a sandbox ends, so terminals attached to it can close.
 */
export class IsolatedSandboxes extends EventEmitter<{ ended: [string] }> {
  readonly store: SandboxStore;
  readonly images: ImageCopier;
  private readonly pending = new Map<number, Promise<SandboxRecord>>();
  private readonly clients = new Map<string, Docker>();
  private readonly touched = new Map<string, number>();
  private warming = 0;

  constructor(private readonly deps: IsolatedSandboxesDeps) {
    super();
    this.store = new SandboxStore(deps.db);
    this.images = new ImageCopier(deps.host, deps.imageCacheDir ?? join(tmpdir(), 'deckhand-image-cache'));
  }

  get config(): IsolatedConfig {
    return this.deps.config;
  }

  get host(): Docker {
    return this.deps.host;
  }

  get logger(): Logger {
    return this.deps.logger;
  }

  now(): number {
    return this.deps.clock().getTime();
  }

  /** A driver bound to this learner: its first attempt acquires the learner's sandbox. */
  forLearner(userId: number): SandboxDriver {
    return new IsolatedDriver(this, userId);
  }

  /**
   * The learner's live sandbox: the one they have, else a warm one, else a new one. Concurrent
   * calls for one learner share one start. Throws SandboxLimitError with a plain message when a
   * limit stops a new sandbox, SandboxStartError when the engine inside does not come up.
   */
  acquire(userId: number): Promise<SandboxRecord> {
    let running = this.pending.get(userId);
    if (!running) {
      running = this.acquireNow(userId).finally(() => this.pending.delete(userId));
      this.pending.set(userId, running);
    }
    return running;
  }

  /** A live sandbox by id (any status but ended), or undefined. */
  live(id: string): SandboxRecord | undefined {
    const record = this.store.byId(id);
    return record && record.endedAt === null ? record : undefined;
  }

  /** The dockerode client of a ready sandbox's inner engine (one client per address). */
  innerDocker(address: string): Docker {
    let client = this.clients.get(address);
    if (!client) {
      client = innerEngine(address);
      this.clients.set(address, client);
    }
    return client;
  }

  /** Records activity (terminal input, a check, a proxied request) so idle reaping waits. */
  touch(sandboxId: string): void {
    const now = this.now();
    if (now - (this.touched.get(sandboxId) ?? -Infinity) < TOUCH_EVERY_MS) return;
    this.touched.set(sandboxId, now);
    this.store.touch(sandboxId, now);
  }



  /**
   * Ends a sandbox: closes its record first (so nobody is handed it while it goes), then removes
   * its container, volume and network. Returns false when it had already ended.
   */
  async end(sandboxId: string, reason = 'ended', status: 'ended' | 'lost' | 'failed' = 'ended'): Promise<boolean> {
    const record = this.store.byId(sandboxId);
    if (!record || !this.store.end(sandboxId, status, reason, this.now())) return false;
    this.forget(record);
    this.emit('ended', sandboxId);
    try {
      await removeSandboxContainer(this.deps.host, record.containerId, record.networkId);
    } catch (error) {
      // The record is closed either way; reconcile removes the container at the next start.
      this.deps.logger.warn({ err: error, sandbox: sandboxId }, 'could not remove an ended sandbox');
    }
    return true;
  }

  /** Marks sandboxes whose container died (killed, OOM, engine restart) as lost. Never throws. */
  async detectLost(): Promise<string[]> {
    const lost: string[] = [];
    for (const record of this.store.live()) {
      if (record.status === 'starting' || !record.containerId) continue;
      const running = await containerRunning(this.deps.host, record.containerId);
      if (running === false) {
        await this.end(record.id, 'its container stopped unexpectedly', 'lost');
        this.deps.logger.warn({ sandbox: record.id, user: record.userId }, 'sandbox lost: its container is not running');
        lost.push(record.id);
      }
    }
    return lost;
  }

  /** Starts warm sandboxes until the pool holds its configured size (within the server limit). */
  async fillWarmPool(): Promise<number> {
    const wanted = this.deps.config.warmPoolSize - this.store.countWarm() - this.warming;
    const room = this.deps.config.maxSandboxes - this.store.countLive();
    const count = Math.max(0, Math.min(wanted, room));
    this.warming += count;
    const results = await Promise.allSettled(
      Array.from({ length: count }, () => this.start(null).finally(() => (this.warming -= 1))),
    );
    for (const result of results) {
      if (result.status === 'rejected') this.deps.logger.warn({ err: result.reason }, 'a warm sandbox failed to start');
    }
    return results.filter((result) => result.status === 'fulfilled').length;
  }

  private async acquireNow(userId: number): Promise<SandboxRecord> {
    const now = this.now();
    const existing = this.store.liveFor(userId);
    if (existing) {
      const usable = await this.stillUsable(existing, now);
      if (usable) return usable;
    }
    const { startsPerHour } = this.deps.config;
    const started = this.store.countStartedSince(userId, now - HOUR_MS);
    if (started >= startsPerHour) {
      throw new SandboxLimitError(
        `You have started ${started} sandboxes in the last hour; the limit is ${startsPerHour}. Wait a little, or ask your instructor.`,
      );
    }
    const warm = this.store.claimWarm(userId, now, now + this.deps.config.ttlMs);
    if (warm) {
      void this.fillWarmPool();
      return warm;
    }
    return this.start(userId);
  }

  // A learner's existing sandbox, unless it expired or its container died (then it is closed).
  private async stillUsable(record: SandboxRecord, now: number): Promise<SandboxRecord | undefined> {
    if (record.status === 'ready' && record.expiresAt > now && record.containerId) {
      const running = await containerRunning(this.deps.host, record.containerId);
      if (running !== false) return record;
      await this.end(record.id, 'its container stopped unexpectedly', 'lost');
      return undefined;
    }
    // Starting without a start in flight here is a leftover of a crash; expired is expired.
    await this.end(record.id, record.status === 'ready' ? 'expired' : 'never became ready', record.status === 'ready' ? 'ended' : 'failed');
    return undefined;
  }

  private async start(userId: number | null): Promise<SandboxRecord> {
    const { config, host, db } = this.deps;
    const id = randomBytes(8).toString('hex');
    const now = this.now();
    db.transaction(() => {
      const live = this.store.countLive();
      if (live >= config.maxSandboxes) {
        throw new SandboxLimitError(`The class has ${live} sandboxes running; the limit is ${config.maxSandboxes}. Ask your instructor to end some.`);
      }
      this.store.insert({ id, userId, status: 'starting', now, expiresAt: now + config.ttlMs });
    });
    try {
      const placement = await createSandboxContainer(host, config, id, userId, (networkId) => this.store.setNetwork(id, networkId));
      this.store.markCreated(id, placement);
      await waitForInnerEngine(placement.address, config.readyTimeoutMs);
      if (config.preloadImages.length > 0) await this.images.ensureImages(this.innerDocker(placement.address), config.preloadImages);
      this.store.setStatus(id, userId === null ? 'warm' : 'ready');
    } catch (error) {
      await this.end(id, `failed to start: ${(error as Error).message}`, 'failed');
      if (error instanceof SandboxStartError || error instanceof SandboxLimitError) throw error;
      throw new SandboxStartError((error as Error).message);
    }
    const record = this.store.byId(id);
    if (!record || record.endedAt !== null) throw new SandboxStartError('it was ended while it started');
    return record;
  }

  private forget(record: SandboxRecord): void {
    this.touched.delete(record.id);
    if (record.address) this.clients.delete(record.address);
  }
}
