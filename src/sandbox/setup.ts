import type Docker from 'dockerode';
import type { Challenge, SetupContainer } from '../challenges/schema.js';
import { SandboxError } from './errors.js';
import { attemptLabels } from './ownership.js';

function splitTag(reference: string): { repo: string; tag: string } {
  const at = reference.lastIndexOf(':');
  return at > reference.lastIndexOf('/') ? { repo: reference.slice(0, at), tag: reference.slice(at + 1) } : { repo: reference, tag: 'latest' };
}

function conflict(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 409;
}

async function createContainer(docker: Docker, spec: SetupContainer, labels: Record<string, string>): Promise<void> {
  const ports = Object.entries(spec.ports ?? {}).map(([port, host]) => [port.includes('/') ? port : `${port}/tcp`, host] as const);
  let container: Docker.Container;
  try {
    container = await docker.createContainer({
      name: spec.name,
      Image: spec.image,
      ...(spec.command ? { Cmd: spec.command } : {}),
      Env: Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`),
      Labels: labels,
      ExposedPorts: Object.fromEntries(ports.map(([port]) => [port, {}])),
      HostConfig: {
        PortBindings: Object.fromEntries(ports.map(([port, host]) => [port, [{ HostPort: String(host) }]])),
        ...(spec.ipc ? { IpcMode: spec.ipc } : {}),
        ...(spec.network ? { NetworkMode: spec.network } : {}),
        ...(spec.volumes ? { Binds: spec.volumes } : {}),
      },
    });
  } catch (error) {
    if (conflict(error)) {
      throw new SandboxError(
        'setup-conflict',
        `A container named ${spec.name} already exists — remove it (docker rm -f ${spec.name}) or end the attempt that made it`,
      );
    }
    throw error;
  }
  if (spec.state === 'created') return;
  await container.start();
  if (spec.state === 'exited') await container.wait();
}

/**
 * Creates a challenge's setup on the engine, every resource labelled with the attempt so that
 * ending the attempt (or a reaper after a crash) finds it. Volumes, networks and tags come first
 * because containers may use them; containers start in file order (a pause container before
 * whatever joins it).
 */
export async function createSetup(docker: Docker, attemptKey: string, challenge: Challenge): Promise<void> {
  const setup = challenge.setup;
  if (!setup) return;
  await Promise.all([
    ...setup.volumes.map((volume) =>
      docker.createVolume({ Name: volume.name, Labels: attemptLabels(attemptKey, challenge.id, volume.labels) }),
    ),
    ...setup.networks.map((network) =>
      docker.createNetwork({ Name: network.name, CheckDuplicate: true, Labels: attemptLabels(attemptKey, challenge.id, network.labels) }),
    ),
    ...setup.images.map((image) => docker.getImage(image.source).tag(splitTag(image.tag))),
  ]);
  for (const spec of setup.containers) {
    await createContainer(docker, spec, attemptLabels(attemptKey, challenge.id, spec.labels));
  }
}
