import type { Attempt } from './attempt-store.js';

/**
 * The SM-2 quality an attempt earns (README, Reviewing): right first time without hints → 5; right
 * after hints or several checks → 4 (a little help) or 3 (a lot); gave up or never passed → 1.
 */
export function attemptQuality(attempt: Pick<Attempt, 'status' | 'hintsUsed' | 'checksRun' | 'passedAt'>): 1 | 3 | 4 | 5 {
  if (attempt.passedAt === null || attempt.status === 'gave_up') return 1;
  if (attempt.hintsUsed === 0 && attempt.checksRun <= 1) return 5;
  if (attempt.hintsUsed <= 1 && attempt.checksRun <= 3) return 4;
  return 3;
}
