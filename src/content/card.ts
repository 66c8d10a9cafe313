import type { CompiledCard } from '../compiler/types.js';

/** A card as content produces it, before it has an id. */
export type ContentCard = CompiledCard;

/** A card as stored: content plus identity and life cycle. */
export interface StoredCardRow {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  answer_mode: string;
  choices: string | null;
  source_file: string;
  source_line: number;
  position: number;
  retired_at: number | null;
  /** The compiler's confidence, 0..1. */
  confidence: number;
  /** 1 when the confidence is below the draft threshold (written by the sync, never by hand). */
  draft: number;
  /** JSON array of the other answers the note gives, or null. */
  alternatives: string | null;
}

/** Topic paths are stored as one string; this is the separator the pages show. */
export const TOPIC_SEPARATOR = ' › ';

export function joinTopic(topic: readonly string[]): string {
  return topic.join(TOPIC_SEPARATOR);
}

export function splitTopic(topic: string): string[] {
  return topic === '' ? [] : topic.split(TOPIC_SEPARATOR);
}

/** A path and every path above it, shortest first: "A › B › C" gives "A", "A › B", "A › B › C". */
export function topicPrefixes(topic: string): string[] {
  const segments = splitTopic(topic);
  return segments.map((_, index) => joinTopic(segments.slice(0, index + 1)));
}

/** Whether `topic` is `path` or lies under it, segment by segment ("Docker" is not under "Dock"). */
export function isUnderTopic(topic: string, path: string): boolean {
  return topic === path || topic.startsWith(path + TOPIC_SEPARATOR);
}

/** Orders topic paths segment by segment, so that each path comes right before those under it. */
export function compareTopics(a: string, b: string): number {
  const left = splitTopic(a);
  const right = splitTopic(b);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const order = (left[i] ?? '').localeCompare(right[i] ?? '');
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/**
 * The topic path as shown above a card. A card that asks for a name (a cloze, a multiple choice)
 * does not show a segment that holds that name: "Containers with Docker" over "___ uses
 * namespaces and cgroups" would give "Docker" away. The stored path is unchanged, so topic
 * scoping (a class's chosen topics) still sees it whole.
 */
export function shownTopic(card: { kind: string; topic: string; answer: string }): string {
  if (card.kind !== 'cloze' && card.kind !== 'choice') return card.topic;
  const answer = card.answer.trim().toLowerCase().replace(/e?s$/, '');
  if (answer.length < 2) return card.topic;
  const escaped = answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?:e?s)?(?=[^\\p{L}\\p{N}]|$)`, 'iu');
  return splitTopic(card.topic)
    .filter((segment) => !names.test(segment))
    .join(TOPIC_SEPARATOR);
}
