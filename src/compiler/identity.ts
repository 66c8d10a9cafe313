import { createHash } from 'node:crypto';
import { diceSimilarity, normalizeText, trigrams } from './text-distance.js';
import type { CardKind, CompiledCard } from './types.js';

/**
 * Card identity across edits, without writing ids into the learner's notes.
 *
 * A recompile yields fresh cards with no memory of the old ones; this module pairs them with the
 * stored cards so review history follows the fact, not the line it sits on. Matching runs in
 * passes from most to least certain, and each stored card is used at most once:
 *
 *  1. exact      — same kind, prompt and answer (normalised: case, spacing, punctuation);
 *  2. prompt     — same kind and prompt, answer reworded;
 *  3. answer     — same kind and answer, question reworded or a typo fixed. Only when the answer
 *                  is unique among the unmatched cards on both sides, because short answers
 *                  ("Kubernetes") are shared by many clozes;
 *  4. fuzzy      — same kind, trigram similarity of prompt + answer ≥ FUZZY_THRESHOLD, best
 *                  pairs first.
 *
 * File and line never take part, so moving a note to another section or file keeps its id.
 * Stored cards left unmatched are retired (their history stays); a retired card whose text comes
 * back is matched like any other and revived.
 *
 * Limits: rewriting both question and answer at once, or changing a card's kind (turning a
 * `term - definition` line into a sentence), looks like a new card; and two near-identical cards
 * edited in the same compile may swap histories, which is harmless for such twins.
 */

/** A card as the storage layer keeps it. */
export interface StoredCard {
  id: string;
  kind: CardKind;
  topic: string[];
  prompt: string;
  answer: string;
  sourceFile: string;
  sourceLine: number;
  retired: boolean;
}

/** Which id each compiled card gets, and which stored cards retire. */
export interface IdentityPlan {
  assignments: { card: CompiledCard; id: string; isNew: boolean; revived: boolean }[];
  retiredIds: string[];
}

/** Minimum trigram similarity for a fuzzy match; below it an edit is treated as a new card. */
export const FUZZY_THRESHOLD = 0.72;

/** A content-derived id: sha256 of kind + normalised prompt + answer, 16 hex characters. */
export function stableCardId(card: Pick<CompiledCard, 'kind' | 'prompt' | 'answer'>): string {
  const text = `${card.kind}\u0000${normalizeText(card.prompt)}\u0000${normalizeText(card.answer)}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Pairs freshly compiled cards with stored ones; see the module comment for the passes. */
export function matchCardIdentities(
  previous: readonly StoredCard[],
  next: readonly CompiledCard[],
  newId: (card: CompiledCard) => string,
): IdentityPlan {
  const matchedPrev = new Map<number, number>(); // next index → previous index
  const usedPrev = new Set<number>();
  const prevKeys = previous.map((card) => ({ prompt: normalizeText(card.prompt), answer: normalizeText(card.answer) }));
  const nextKeys = next.map((card) => ({ prompt: normalizeText(card.prompt), answer: normalizeText(card.answer) }));

  const pass = (key: (k: { prompt: string; answer: string }) => string, uniqueOnly: boolean): void => {
    const byKey = new Map<string, number[]>();
    previous.forEach((card, p) => {
      if (usedPrev.has(p)) return;
      const k = `${card.kind}\u0000${key(prevKeys[p] ?? { prompt: '', answer: '' })}`;
      byKey.set(k, [...(byKey.get(k) ?? []), p]);
    });
    const nextCount = new Map<string, number>();
    const nextKey = (n: number): string => `${next[n]?.kind ?? ''}\u0000${key(nextKeys[n] ?? { prompt: '', answer: '' })}`;
    next.forEach((_, n) => {
      if (!matchedPrev.has(n)) nextCount.set(nextKey(n), (nextCount.get(nextKey(n)) ?? 0) + 1);
    });
    next.forEach((card, n) => {
      if (matchedPrev.has(n)) return;
      const k = nextKey(n);
      const candidates = (byKey.get(k) ?? []).filter((p) => !usedPrev.has(p));
      if (candidates.length === 0) return;
      if (uniqueOnly && (candidates.length > 1 || (nextCount.get(k) ?? 0) > 1)) return;
      const p = closest(candidates, card, previous);
      matchedPrev.set(n, p);
      usedPrev.add(p);
    });
  };

  pass((k) => `${k.prompt}\u0000${k.answer}`, false);
  pass((k) => k.prompt, false);
  pass((k) => k.answer, true);
  fuzzyPass(previous, next, matchedPrev, usedPrev);

  const usedIds = new Set(previous.map((card) => card.id));
  const assignments = next.map((card, n) => {
    const p = matchedPrev.get(n);
    const stored = p === undefined ? undefined : previous[p];
    if (stored) return { card, id: stored.id, isNew: false, revived: stored.retired };
    const id = uniqueId(newId(card), usedIds);
    usedIds.add(id);
    return { card, id, isNew: true, revived: false };
  });
  const retiredIds = previous.filter((card, p) => !usedPrev.has(p) && !card.retired).map((card) => card.id);
  return { assignments, retiredIds };
}

// Among equal candidates prefer a live card, then the same file, then the nearest line.
function closest(candidates: number[], card: CompiledCard, previous: readonly StoredCard[]): number {
  const score = (p: number): number => {
    const stored = previous[p];
    if (!stored) return Number.MAX_SAFE_INTEGER;
    const sameFile = stored.sourceFile === card.source.file;
    return (stored.retired ? 1e9 : 0) + (sameFile ? 0 : 1e6) + Math.abs(stored.sourceLine - card.source.line);
  };
  return candidates.reduce((best, p) => (score(p) < score(best) ? p : best));
}

function fuzzyPass(
  previous: readonly StoredCard[],
  next: readonly CompiledCard[],
  matchedPrev: Map<number, number>,
  usedPrev: Set<number>,
): void {
  const openPrev = previous.map((_, p) => p).filter((p) => !usedPrev.has(p));
  const openNext = next.map((_, n) => n).filter((n) => !matchedPrev.has(n));
  if (openPrev.length === 0 || openNext.length === 0) return;
  const gramsOf = (card: { prompt: string; answer: string }): Map<string, number> => trigrams(`${card.prompt} ${card.answer}`);
  const prevGrams = new Map(openPrev.map((p) => [p, gramsOf(previous[p] as StoredCard)]));
  const pairs: { p: number; n: number; score: number }[] = [];
  for (const n of openNext) {
    const card = next[n] as CompiledCard;
    const grams = gramsOf(card);
    for (const p of openPrev) {
      if (previous[p]?.kind !== card.kind) continue;
      const score = diceSimilarity(grams, prevGrams.get(p) ?? new Map());
      if (score >= FUZZY_THRESHOLD) pairs.push({ p, n, score });
    }
  }
  // Greedy by score: the most similar pairs claim each other first.
  pairs.sort((a, b) => b.score - a.score || a.n - b.n || a.p - b.p);
  for (const { p, n } of pairs) {
    if (usedPrev.has(p) || matchedPrev.has(n)) continue;
    matchedPrev.set(n, p);
    usedPrev.add(p);
  }
}

function uniqueId(id: string, used: Set<string>): string {
  if (!used.has(id)) return id;
  let suffix = 2;
  while (used.has(`${id}-${suffix}`)) suffix++;
  return `${id}-${suffix}`;
}
