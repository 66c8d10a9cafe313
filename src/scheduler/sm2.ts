/**
 * SM-2 exactly as the README's Reviewing section states it. Easiness moves in steps of 0.02, so it is computed in
 * integer hundredths and only turned back into a number at the edge; `ceil(I * EF)` therefore
 * never drifts on a value like 2.6 that binary floating point cannot hold.
 */
export interface Sm2State {
  repetitions: number;
  easiness: number;
  interval: number;
}

export type Quality = 0 | 1 | 2 | 3 | 4 | 5;

export const INITIAL_SM2_STATE: Sm2State = Object.freeze({ repetitions: 0, easiness: 2.5, interval: 0 });

/** The lowest grade SM-2 counts as remembered (q ≥ 3): the line for passes and retention. */
export const PASSING_QUALITY = 3;

/** The lowest easiness SM-2 allows, in hundredths. */
export const MIN_EASE_HUNDREDTHS = 130;

/** EF as exact hundredths (2.46 → 246). */
export function toHundredths(easiness: number): number {
  return Math.round(easiness * 100);
}

/** EF' in hundredths: EF + 0.1 - (5-q)(0.08 + (5-q)0.02), floored at 1.3. */
export function nextEaseHundredths(ease: number, quality: Quality): number {
  const miss = 5 - quality;
  return Math.max(MIN_EASE_HUNDREDTHS, ease + 10 - miss * (8 + miss * 2));
}

/** The next interval in days, from the easiness before this review. */
export function nextInterval(repetitions: number, interval: number, ease: number, quality: Quality): number {
  if (quality < PASSING_QUALITY) return 1;
  if (repetitions === 0) return 1;
  if (repetitions === 1) return 6;
  // interval * ease is an exact integer product; ceil of it over 100 without floats.
  return Math.ceil((interval * ease) / 100);
}

/** Applies one SM-2 review with quality `quality` to `state`. */
export function sm2(state: Sm2State, quality: Quality): Sm2State {
  const ease = toHundredths(state.easiness);
  const interval = nextInterval(state.repetitions, state.interval, ease, quality);
  const repetitions = quality >= PASSING_QUALITY ? state.repetitions + 1 : 0;
  return { repetitions, easiness: nextEaseHundredths(ease, quality) / 100, interval };
}
