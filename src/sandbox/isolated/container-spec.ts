import type Docker from 'dockerode';
import type { IsolatedConfig } from './config.js';

/** Labels on every container and network the classroom creates; reconcile finds them by these. */
export const SANDBOX_LABEL = 'deckhand.sandbox';
export const USER_LABEL = 'deckhand.user';
/** The inner engine's API port: reached on the container's own network, never published. */
export const INNER_ENGINE_PORT = 2375;

/** The name of a sandbox's container and of its network. */
export function sandboxName(id: string): string {
  return `deckhand-sandbox-${id}`;
}

export function sandboxLabels(id: string, userId: number | null): Record<string, string> {
  // A warm sandbox has no learner yet; the database, not the label, says whose it is later.
  return { [SANDBOX_LABEL]: id, [USER_LABEL]: userId === null ? 'warm' : String(userId) };
}

/** HostConfig fields that give the inner engine what it needs, per privilege mode. */
function privilegeOptions(config: IsolatedConfig): Docker.HostConfig {
  switch (config.privilege) {
    case 'privileged':
      return { Privileged: true };
    case 'none':
      return {};
    case 'capabilities':
      // ENVIRONMENT.md: --privileged and CapAdd ALL fail here because the host's bounding set
      // lacks CAP_SYS_RESOURCE; this is the same power minus that one capability.
      return {
        CapAdd: ['ALL'],
        CapDrop: ['SYS_RESOURCE'],
        SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
        MaskedPaths: [],
        ReadonlyPaths: [],
        DeviceCgroupRules: ['a *:* rwm'],
      };
  }
}

/**
 * The create options of one sandbox container. What it must never have: the host's Docker socket
 * (no Binds at all), a published port (no PortBindings), or a network shared with another sandbox.
 * `/var/lib/docker` is an anonymous volume, removed with the container (`remove({ v: true })`).
 */
export function sandboxContainerSpec(config: IsolatedConfig, id: string, userId: number | null, network: string): Docker.ContainerCreateOptions {
  return {
    name: sandboxName(id),
    Image: config.image,
    Hostname: `sandbox-${id.slice(0, 8)}`,
    Labels: sandboxLabels(id, userId),
    Env: ['DOCKER_HOST='],
    HostConfig: {
      ...privilegeOptions(config),
      ...(config.runtime === 'runc' ? {} : { Runtime: config.runtime }),
      NetworkMode: network,
      Memory: config.memoryBytes,
      // Swap would let a sandbox exceed its memory limit at the host's expense.
      MemorySwap: config.memoryBytes,
      NanoCpus: config.nanoCpus,
      // A quarter of the default CPU weight: when the machine is busy, the Deckhand server (and
      // every student's review page) wins over the sandboxes, which keep whatever is left.
      CpuShares: 256,
      PidsLimit: config.pidsLimit,
      ...(config.diskBytes > 0 ? { StorageOpt: { size: String(config.diskBytes) } } : {}),
      Binds: [],
      PortBindings: {},
      PublishAllPorts: false,
      RestartPolicy: { Name: 'no' },
      Init: false,
    },
  };
}

/** The sandbox's own bridge network: no other sandbox is on it, so none can reach it. */
export function sandboxNetworkSpec(config: IsolatedConfig, id: string, userId: number | null): Docker.NetworkCreateOptions {
  return {
    Name: sandboxName(id),
    Driver: 'bridge',
    CheckDuplicate: true,
    Internal: !config.outbound,
    Labels: sandboxLabels(id, userId),
    Options: { 'com.docker.network.bridge.enable_icc': 'false' },
  };
}
