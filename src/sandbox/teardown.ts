import type Docker from 'dockerode';
import { normalizeTag } from '../grader/image-ref.js';
import type { SandboxRef, TeardownReport } from './driver.js';
import { baselineSets, belongsToAttempt } from './ownership.js';

const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

function gone(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

/**
 * Removes the attempt's resources: everything labelled with it and everything made since its
 * baseline, and nothing the learner had before. Tags added during the attempt are removed, and
 * an image built during it goes too unless a tag from before still names it. `protectedTags`
 * (the images challenges need) are never touched. Each failure is reported and skipped.
 */
export async function removeAttemptResources(
  docker: Docker,
  sandbox: SandboxRef,
  protectedTags: ReadonlySet<string>,
): Promise<TeardownReport> {
  const base = baselineSets(sandbox.baseline);
  const key = sandbox.attemptKey;
  const report: TeardownReport = { removed: { containers: [], volumes: [], networks: [], images: [] }, problems: [] };
  const attempt = async (what: string, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      if (gone(error)) return false;
      report.problems.push(`could not remove ${what}: ${(error as Error).message}`);
      return false;
    }
  };

  const containers = (await docker.listContainers({ all: true })).filter((c) =>
    belongsToAttempt(c.Id, c.Labels, base.containers, key),
  );
  await Promise.all(
    containers.map(async (c) => {
      const name = (c.Names[0] ?? c.Id).replace(/^\//, '');
      if (await attempt(`container ${name}`, () => docker.getContainer(c.Id).remove({ force: true, v: true }))) {
        report.removed.containers.push(name);
      }
    }),
  );

  const [networks, volumes] = await Promise.all([docker.listNetworks(), docker.listVolumes()]);
  await Promise.all([
    ...networks
      .filter((n) => !BUILT_IN_NETWORKS.has(n.Name) && belongsToAttempt(n.Id, n.Labels, base.networks, key))
      .map(async (n) => {
        if (await attempt(`network ${n.Name}`, () => docker.getNetwork(n.Id).remove())) report.removed.networks.push(n.Name);
      }),
    ...(volumes.Volumes ?? [])
      .filter((v) => belongsToAttempt(v.Name, v.Labels, base.volumes, key))
      .map(async (v) => {
        if (await attempt(`volume ${v.Name}`, () => docker.getVolume(v.Name).remove())) report.removed.volumes.push(v.Name);
      }),
  ]);

  const images = await docker.listImages();
  for (const image of images) {
    const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>').map(normalizeTag);
    // A protected or older tag keeps the image; only the tags added during the attempt go.
    const kept = (tag: string): boolean => base.tags.has(tag) || protectedTags.has(tag);
    const newTags = tags.filter((tag) => !kept(tag));
    const keptTags = tags.filter(kept);
    const builtNow = !base.images.has(image.Id);
    if (builtNow && keptTags.length === 0) {
      if (await attempt(`image ${newTags[0] ?? image.Id.slice(7, 19)}`, () => docker.getImage(image.Id).remove({ force: newTags.length > 1 }))) {
        report.removed.images.push(newTags[0] ?? image.Id.slice(7, 19));
      }
      continue;
    }
    for (const tag of newTags) {
      if (await attempt(`tag ${tag}`, () => docker.getImage(tag).remove())) report.removed.images.push(tag);
    }
  }
  return report;
}
