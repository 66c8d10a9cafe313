import type { ContainerSelector } from '../challenges/schema.js';
import { containerName, listWords } from './check-type.js';
import { containerImageWords, runsImage, showTag } from './image-ref.js';
import type { ContainerFacts, Snapshot } from './snapshot.js';

/** Whether `reference` (a name, or a full or 12+ character id) names this container. */
export function isContainer(container: ContainerFacts, reference: string): boolean {
  const ref = reference.replace(/^\//, '');
  if (containerName(container) === ref) return true;
  return ref.length >= 12 && /^[0-9a-f]+$/.test(ref) && container.Id.startsWith(ref);
}

/** The id of the container a name or id refers to, looking at every container on the engine. */
export function resolveContainerId(snapshot: Snapshot, reference: string): string | undefined {
  const ref = reference.replace(/^\//, '');
  const byName = snapshot.names.find((entry) => entry.name.replace(/^\//, '') === ref);
  if (byName) return byName.id;
  if (ref.length >= 12 && /^[0-9a-f]+$/.test(ref)) {
    return snapshot.names.find((entry) => entry.id.startsWith(ref))?.id ?? ref;
  }
  return undefined;
}

/** A container's name for messages, found in the snapshot (or the short id when unknown). */
export function nameOfContainer(snapshot: Snapshot, id: string): string {
  const entry = snapshot.names.find((candidate) => candidate.id === id);
  return entry ? entry.name.replace(/^\//, '') : id.slice(0, 12);
}

/**
 * The attempt's containers a selector picks, newest first, so that when several fit, messages
 * talk about the one the learner most likely just made.
 */
export function selectContainers(snapshot: Snapshot, selector: ContainerSelector): ContainerFacts[] {
  const { name, image, labels } = selector;
  return snapshot.containers
    .filter((container) => name === undefined || isContainer(container, name))
    .filter((container) => image === undefined || runsImage(container, snapshot, image))
    .filter((container) =>
      Object.entries(labels ?? {}).every(([key, value]) => container.Config.Labels?.[key] === value),
    )
    .sort((a, b) => Date.parse(b.Created) - Date.parse(a.Created));
}

/** "container web", "a container from image nginx labelled tier=web", "a container". */
export function selectorWords(selector: ContainerSelector): string {
  const parts: string[] = [];
  if (selector.name !== undefined) parts.push(`container ${selector.name}`);
  else parts.push('a container');
  if (selector.image !== undefined) parts.push(`from image ${showTag(selector.image)}`);
  const labels = Object.entries(selector.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  if (labels.length > 0) parts.push(`labelled ${labels.join(', ')}`);
  return parts.join(' ');
}

/** "web (nginx, running)" — how one container is named in an observation. */
export function containerWords(container: ContainerFacts): string {
  return `${containerName(container)} (${containerImageWords(container)}, ${container.State.Status})`;
}

/** What the attempt holds, for an observation when a selector found nothing. */
export function attemptContainersWords(snapshot: Snapshot): string {
  if (snapshot.containers.length === 0) return 'no containers in this attempt';
  const listed = snapshot.containers.slice(0, 5).map(containerWords);
  const more = snapshot.containers.length > 5 ? ` and ${snapshot.containers.length - 5} more` : '';
  return `this attempt's containers: ${listWords(listed)}${more}`;
}
