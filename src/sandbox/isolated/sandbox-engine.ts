import { get as httpGet } from 'node:http';
import Docker from 'dockerode';
import type { IsolatedConfig } from './config.js';
import { INNER_ENGINE_PORT, sandboxContainerSpec, sandboxNetworkSpec } from './container-spec.js';
import { SandboxStartError } from './errors.js';

/** Where a created sandbox lives on the host engine. */
export interface SandboxPlacement {
  containerId: string;
  networkId: string;
  address: string;
}

function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** A dockerode client for a sandbox's inner engine (plain HTTP on its own network). */
export function innerEngine(address: string): Docker {
  return new Docker({ host: address, port: INNER_ENGINE_PORT, protocol: 'http' });
}

/**
 * Whether the inner engine at `address` answers `/_ping` within `timeoutMs`; never throws. A new
 * connection every time (no keep-alive agent): a pooled socket to a dead sandbox's address would
 * swallow the pings meant for a new sandbox that got the same address.
 */
export function pingInner(address: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpGet({ host: address, port: INNER_ENGINE_PORT, path: '/_ping', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Polls `/_ping` until the inner engine answers; rejects after `timeoutMs`. */
export async function waitForInnerEngine(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pingInner(address, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new SandboxStartError(`the sandbox's Docker engine did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * Creates the sandbox's network and container and starts it. On any failure what was made so
 * far is removed again, so a failed start leaks nothing. `onNetwork` records the network at once,
 * so a crash between the two steps leaves a record reconcile can clean up.
 */
export async function createSandboxContainer(
  host: Docker,
  config: IsolatedConfig,
  id: string,
  userId: number | null,
  onNetwork: (networkId: string) => void,
): Promise<SandboxPlacement> {
  const network = await host.createNetwork(sandboxNetworkSpec(config, id, userId));
  onNetwork(network.id);
  let container: Docker.Container | undefined;
  try {
    container = await host.createContainer(sandboxContainerSpec(config, id, userId, network.id));
    await container.start();
    const info = await container.inspect();
    const address = Object.values(info.NetworkSettings.Networks ?? {})[0]?.IPAddress;
    if (!address) throw new SandboxStartError('the sandbox container got no address on its network');
    return { containerId: container.id, networkId: network.id, address };
  } catch (error) {
    await removeSandboxContainer(host, container?.id ?? null, network.id);
    if (statusCode(error) === 404) throw new SandboxStartError(`the image ${config.image} is missing on the host — run npm run images`);
    if (error instanceof SandboxStartError) throw error;
    throw new SandboxStartError(`the sandbox container could not start: ${(error as Error).message}`);
  }
}

/** Removes a sandbox's container (with its /var/lib/docker volume) and network; gone is fine. */
export async function removeSandboxContainer(host: Docker, containerId: string | null, networkId: string | null): Promise<void> {
  if (containerId) {
    try {
      await host.getContainer(containerId).remove({ force: true, v: true });
    } catch (error) {
      if (statusCode(error) !== 404 && statusCode(error) !== 409) throw error;
    }
  }
  if (networkId) {
    try {
      await host.getNetwork(networkId).remove();
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
    }
  }
}

/** Whether the sandbox's container is still running on the host; undefined if the engine is down. */
export async function containerRunning(host: Docker, containerId: string): Promise<boolean | undefined> {
  try {
    const info = await host.getContainer(containerId).inspect();
    return info.State.Running;
  } catch (error) {
    if (statusCode(error) === 404) return false;
    return undefined;
  }
}
