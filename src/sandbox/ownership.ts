import type { AttemptBaseline } from './driver.js';

/** Label keys Deckhand puts on everything it creates. */
export const ATTEMPT_LABEL = 'deckhand.attempt';
export const CHALLENGE_LABEL = 'deckhand.challenge';

type Labels = Record<string, string> | null | undefined;

/** The labels a setup resource of this attempt carries, merged with the challenge's own. */
export function attemptLabels(attemptKey: string, challengeId: string, extra: Labels = {}): Record<string, string> {
  return { ...extra, [ATTEMPT_LABEL]: attemptKey, [CHALLENGE_LABEL]: challengeId };
}

/**
 * Labels that mark a resource as someone else's: another attempt's setup, or a classroom
 * sandbox. Only these keys count, because images carry their own `deckhand.*` labels (recipe
 * hashes) and every container inherits its image's labels.
 */
export const OWNER_LABELS = [ATTEMPT_LABEL, 'deckhand.sandbox'] as const;

function labelledForSomeoneElse(labels: Labels, attemptKey: string): boolean {
  return OWNER_LABELS.some((key) => labels?.[key] !== undefined && labels[key] !== attemptKey);
}

/**
 * Whether a resource belongs to the attempt: labelled for it, or made since it started (absent
 * from the baseline) and not labelled for another attempt. `key` is an id for containers,
 * images and networks, a name for volumes.
 */
export function belongsToAttempt(
  key: string,
  labels: Labels,
  existing: readonly string[] | ReadonlySet<string>,
  attemptKey: string,
): boolean {
  if (labels?.[ATTEMPT_LABEL] === attemptKey) return true;
  const known = existing instanceof Set ? existing.has(key) : (existing as readonly string[]).includes(key);
  return !known && !labelledForSomeoneElse(labels, attemptKey);
}

/** The baseline as sets, for fast membership tests over long lists. */
export function baselineSets(baseline: AttemptBaseline): Record<keyof AttemptBaseline, ReadonlySet<string>> {
  return {
    containers: new Set(baseline.containers),
    images: new Set(baseline.images),
    tags: new Set(baseline.tags),
    volumes: new Set(baseline.volumes),
    networks: new Set(baseline.networks),
  };
}
