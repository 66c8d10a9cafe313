import type Docker from 'dockerode';
import type { Challenge } from '../challenges/schema.js';
import type { SandboxDriver, SandboxRef } from '../sandbox/driver.js';
import { baselineSets, belongsToAttempt } from '../sandbox/ownership.js';
import { withCheckType } from './evaluate.js';
import { normalizeTag } from './image-ref.js';
import type { ContainerFacts, ImageFacts, Snapshot, TagFacts } from './snapshot.js';

const PROBE_TIMEOUT_MS = 3000;

async function inspectImage(docker: Docker, id: string, history: boolean): Promise<ImageFacts | undefined> {
  try {
    const image = docker.getImage(id);
    const [info, steps] = await Promise.all([
      image.inspect() as Promise<ImageFacts>,
      history ? (image.history() as Promise<{ CreatedBy?: string }[]>) : Promise.resolve(undefined),
    ]);
    return steps ? { ...info, history: steps } : info;
  } catch {
    // Removed between listing and inspecting: the checks report it as missing.
    return undefined;
  }
}

/**
 * Gathers what the challenge's checks need from the sandbox's engine: the attempt's containers,
 * volumes and networks (labelled for it, or new since its baseline), the images the checks name,
 * and the outcome of exec and HTTP probes. Everything else on the engine stays out of sight.
 */
export async function collectSnapshot(
  driver: SandboxDriver,
  challenge: Challenge,
  sandbox: SandboxRef,
): Promise<Snapshot> {
  const docker = driver.docker(sandbox);
  const base = baselineSets(sandbox.baseline);
  const key = sandbox.attemptKey;
  const [containerList, imageList, volumeList, networkList] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listImages(),
    docker.listVolumes(),
    docker.listNetworks(),
  ]);

  const tags: Record<string, TagFacts> = {};
  for (const image of imageList) {
    for (const tag of image.RepoTags ?? []) {
      if (tag === '<none>:<none>') continue;
      const normal = normalizeTag(tag);
      tags[normal] = { imageId: image.Id, isNew: !base.tags.has(normal) };
    }
  }

  const ours = containerList.filter((c) => belongsToAttempt(c.Id, c.Labels, base.containers, key));
  const inspected = await Promise.all(
    ours.map((c) => docker.getContainer(c.Id).inspect().catch(() => undefined) as Promise<ContainerFacts | undefined>),
  );
  const containers = inspected.filter((c): c is ContainerFacts => c !== undefined);

  // Images to inspect: those the attempt's containers run (to tell their ENV from the learner's)
  // and those the checks name; history only where an image check reads it.
  const wanted = new Map<string, boolean>();
  for (const container of containers) wanted.set(container.Image, wanted.get(container.Image) ?? false);
  for (const check of challenge.checks) {
    const need = withCheckType(check.expect, (type, value) => type.imagesNeeded?.(value));
    for (const tag of need?.tags ?? []) {
      const id = tags[normalizeTag(tag)]?.imageId;
      if (id) wanted.set(id, (wanted.get(id) ?? false) || need?.history === true);
    }
  }
  const images: Record<string, ImageFacts> = {};
  await Promise.all(
    [...wanted].map(async ([id, history]) => {
      const facts = await inspectImage(docker, id, history);
      if (facts) images[id] = facts;
    }),
  );

  const snapshot: Snapshot = {
    containers,
    names: containerList.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') })),
    images,
    tags,
    volumes: (volumeList.Volumes ?? []).filter((v) => belongsToAttempt(v.Name, v.Labels, base.volumes, key)),
    networks: networkList
      .filter((n) => belongsToAttempt(n.Id, n.Labels, base.networks, key))
      .map((n) => ({ Name: n.Name, Id: n.Id, Driver: n.Driver, Labels: n.Labels })),
    execs: {},
    http: {},
  };

  const live = { docker, httpHost: driver.httpBase(sandbox), timeoutMs: PROBE_TIMEOUT_MS };
  await Promise.all(
    challenge.checks.map(async (check) => {
      const outcome = await withCheckType(check.expect, (type, value) => type.probe?.(value, snapshot, live));
      if (outcome?.exec) snapshot.execs[check.id] = outcome.exec;
      if (outcome?.http) snapshot.http[check.id] = outcome.http;
    }),
  );
  return snapshot;
}
