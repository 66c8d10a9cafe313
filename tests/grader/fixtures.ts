import { readFileSync } from 'node:fs';
import { normalizeTag } from '../../src/grader/image-ref.js';
import type { ContainerFacts, ImageFacts, NetworkFacts, Snapshot, VolumeFacts } from '../../src/grader/snapshot.js';

// Inspect JSON recorded from a real engine by fixtures/record.sh (Docker 20.10, API 1.41).
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

export const meta = read<{ web: string; box: string }>('meta.json');

/**
 * A snapshot built from the recorded fixtures. `only` keeps just the named containers, as if
 * the attempt had made those alone; every container still resolves by name (like the engine).
 */
export function fixtureSnapshot(only?: string[]): Snapshot {
  const all = read<ContainerFacts[]>('containers.json');
  const history = read<Record<string, { CreatedBy: string }[]>>('history.json');
  const images: Record<string, ImageFacts> = {};
  const tags: Snapshot['tags'] = {};
  for (const image of read<ImageFacts[]>('images.json')) {
    images[image.Id] = { ...image, history: history[image.Id] ?? [] };
    for (const tag of image.RepoTags ?? []) {
      // The built image counts as made during the attempt; the base images were there before.
      tags[normalizeTag(tag)] = { imageId: image.Id, isNew: tag.startsWith('fx-built') };
    }
  }
  const networks = read<{ Name: string; Id: string; Driver: string; Labels: Record<string, string> }[]>('networks.json');
  return {
    containers: only ? all.filter((c) => only.includes(c.Name.replace(/^\//, ''))) : all,
    names: all.map((c) => ({ id: c.Id, name: c.Name.replace(/^\//, '') })),
    images,
    tags,
    volumes: read<VolumeFacts[]>('volumes.json'),
    networks: networks.map((n): NetworkFacts => ({ Name: n.Name, Id: n.Id, Driver: n.Driver, Labels: n.Labels })),
    execs: {},
    http: {},
  };
}
