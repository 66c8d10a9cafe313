import { setPriority } from 'node:os';
import Docker from 'dockerode';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logging/logger.js';
import type { IsolatedConfig } from './config.js';
import { reconcileSandboxes } from './lifecycle.js';
import { IsolatedSandboxes } from './sandbox-pool.js';

/**
 * The classroom's sandbox service when `mode` is `isolated`, else undefined (host mode). The host
 * engine is the local one (`DOCKER_HOST` or the default socket).
 */
export function createClassroomSandboxes(
  config: IsolatedConfig,
  deps: { db: Database; clock: () => Date; logger: Logger },
  host: Docker = new Docker(),
): IsolatedSandboxes | undefined {
  if (config.mode !== 'isolated') return undefined;
  return new IsolatedSandboxes({ ...deps, host, config });
}

/**
 * Start-up for isolated mode: reconcile by labels, then fill the warm pool in the background.
 * An engine that does not answer is logged, not fatal: reviews keep working without Docker.
 */
export async function startClassroomSandboxes(sandboxes: IsolatedSandboxes | undefined): Promise<void> {
  if (!sandboxes) return;
  try {
    await reconcileSandboxes(sandboxes);
  } catch (error) {
    sandboxes.logger.error({ err: error }, 'could not reconcile sandboxes; is the Docker engine running?');
    return;
  }
  void sandboxes.fillWarmPool().catch((error: unknown) => sandboxes.logger.warn({ err: error }, 'warm pool not filled'));
}

/**
 * Raises the server's own CPU priority (nice -5) when it runs a classroom: thirty students'
 * engines must not starve the process that serves every page and answer. Needs root; without it
 * the server runs at normal priority and says so.
 */
export function prioritizeServer(logger: Logger): void {
  try {
    setPriority(0, -5);
  } catch (error) {
    logger.warn({ err: error }, 'could not raise the server’s CPU priority; pages may slow down while sandboxes are busy');
  }
}
