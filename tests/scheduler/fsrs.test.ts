import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { fsrsGrade, fsrsNext } from '../../src/scheduler/fsrs.js';

describe('FSRS in whole days', () => {
  it('uses FSRS-6 parameters (21 weights)', () => {
    expect(default_w).toHaveLength(21);
  });

  it('maps SM-2 qualities to FSRS grades: below 3 Again, then Hard, Good, Easy', () => {
    expect([0, 1, 2, 3, 4, 5].map((q) => fsrsGrade(q as 0 | 1 | 2 | 3 | 4 | 5))).toEqual([1, 1, 1, 2, 3, 4]);
  });

  it('gives each grade its own interval for a new card, shorter as the desired retention rises', () => {
    const days = (retention: number) => ([1, 3, 4, 5] as const).map((q) => fsrsNext(null, q, '2026-03-10', retention).interval);
    expect(days(0.9)).toEqual([1, 2, 3, 8]);
    expect(days(0.8)).toEqual([1, 4, 8, 28]);
  });

  it('remembers the day of the answer and grows stability on a pass after the wait', () => {
    const first = fsrsNext(null, 4, '2026-03-10', 0.9);
    expect(first.memory.lastReviewDay).toBe('2026-03-10');
    const second = fsrsNext(first.memory, 4, '2026-03-13', 0.9);
    expect(second.memory.stability).toBeGreaterThan(first.memory.stability);
    expect(second.interval).toBeGreaterThan(first.interval);
    const lapse = fsrsNext(first.memory, 1, '2026-03-13', 0.9);
    expect(lapse.interval).toBe(1);
    expect(lapse.memory.stability).toBeLessThan(first.memory.stability);
  });

  it('is pure: the same inputs give the same answer', () => {
    expect(fsrsNext(null, 5, '2026-03-10', 0.9)).toEqual(fsrsNext(null, 5, '2026-03-10', 0.9));
  });
});
