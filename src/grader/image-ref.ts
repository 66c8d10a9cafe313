import type { ContainerFacts, Snapshot } from './snapshot.js';

/**
 * `nginx`, `nginx:latest`, `docker.io/library/nginx` and `library/nginx:latest` name one image;
 * the grader compares references only after this normalisation.
 */
export function normalizeTag(reference: string): string {
  let name = reference.trim();
  if (name.includes('@')) return name;
  name = name.replace(/^docker\.io\//, '').replace(/^index\.docker\.io\//, '');
  name = name.replace(/^library\//, '');
  const lastSlash = name.lastIndexOf('/');
  const hasTag = name.lastIndexOf(':') > lastSlash;
  return hasTag ? name : `${name}:latest`;
}

/** Short, human form of an image reference: `nginx` rather than `nginx:latest`. */
export function showTag(reference: string): string {
  const normal = normalizeTag(reference);
  return normal.endsWith(':latest') ? normal.slice(0, -':latest'.length) : normal;
}

/** The image id a reference names in this snapshot (a tag, or a full or short id). */
export function resolveImageId(snapshot: Snapshot, reference: string): string | undefined {
  const tag = snapshot.tags[normalizeTag(reference)];
  if (tag) return tag.imageId;
  const bare = reference.replace(/^sha256:/, '');
  if (/^[0-9a-f]{12,64}$/.test(bare)) {
    const match = Object.values(snapshot.tags).find((t) => t.imageId.replace(/^sha256:/, '').startsWith(bare));
    return match?.imageId ?? Object.keys(snapshot.images).find((id) => id.replace(/^sha256:/, '').startsWith(bare));
  }
  return undefined;
}

/**
 * Whether a container runs the given image. The image id decides, so a container started from
 * `nginx`, `nginx:latest` or the image's id all count; a retagged image is the same image.
 */
export function runsImage(container: ContainerFacts, snapshot: Snapshot, reference: string): boolean {
  const id = resolveImageId(snapshot, reference);
  if (id !== undefined && container.Image === id) return true;
  return normalizeTag(container.Config.Image) === normalizeTag(reference);
}

/** How a container's image reads in a message: what the learner typed, shortened. */
export function containerImageWords(container: ContainerFacts): string {
  const typed = container.Config.Image;
  return /^sha256:|^[0-9a-f]{12,64}$/.test(typed) ? typed.replace(/^sha256:/, '').slice(0, 12) : showTag(typed);
}
