import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_SM2_STATE, sm2, type Quality, type Sm2State } from '../../src/scheduler/sm2.js';

function run(grades: Quality[]): Sm2State[] {
  const states: Sm2State[] = [];
  let state = INITIAL_SM2_STATE;
  for (const grade of grades) {
    state = sm2(state, grade);
    states.push(state);
  }
  return states;
}

describe('sm2', () => {
  it('gives intervals 1, 6, 17, 48 and EF 2.6 … 2.9 for four perfect answers', () => {
    const states = run([5, 5, 5, 5]);
    expect(states.map((s) => s.interval)).toEqual([1, 6, 17, 48]);
    expect(states.map((s) => s.easiness)).toEqual([2.6, 2.7, 2.8, 2.9]);
    expect(states.map((s) => s.repetitions)).toEqual([1, 2, 3, 4]);
  });

  it('follows 5,4,3,2,1,0 down to the EF floor', () => {
    const states = run([5, 4, 3, 2, 1, 0]);
    expect(states.map((s) => [s.interval, s.easiness])).toEqual([
      [1, 2.6],
      [6, 2.6],
      [16, 2.46],
      [1, 2.14],
      [1, 1.6],
      [1, 1.3],
    ]);
  });

  it('uses the EF from before the review for the interval', () => {
    // n = 2, I = 6, EF = 2.5; a 3 lowers EF to 2.36 but the interval uses 2.5: ceil(15) = 15.
    expect(sm2({ repetitions: 2, easiness: 2.5, interval: 6 }, 3)).toEqual({ repetitions: 3, easiness: 2.36, interval: 15 });
  });

  it('resets repetitions on a failure and still updates EF', () => {
    expect(sm2({ repetitions: 5, easiness: 2.5, interval: 40 }, 2)).toEqual({ repetitions: 0, easiness: 2.18, interval: 1 });
  });

  it('starts from n = 0, EF = 2.5, I = 0', () => {
    expect(INITIAL_SM2_STATE).toEqual({ repetitions: 0, easiness: 2.5, interval: 0 });
  });

  const grades = fc.array(fc.constantFrom<Quality>(0, 1, 2, 3, 4, 5), { minLength: 1, maxLength: 60 });

  it('never lets EF fall below 1.3 and keeps it in whole hundredths', () => {
    fc.assert(
      fc.property(grades, (sequence) => {
        for (const state of run(sequence)) {
          expect(state.easiness).toBeGreaterThanOrEqual(1.3);
          expect(Math.abs(state.easiness * 100 - Math.round(state.easiness * 100))).toBeLessThan(1e-9);
          expect(String(state.easiness)).toMatch(/^\d+(\.\d{1,2})?$/);
        }
      }),
    );
  });

  it('always gives interval 1 after a failure and a growing interval after passes', () => {
    fc.assert(
      fc.property(grades, (sequence) => {
        const states = run(sequence);
        sequence.forEach((grade, i) => {
          const state = states[i] as Sm2State;
          if (grade < 3) {
            expect(state.interval).toBe(1);
            expect(state.repetitions).toBe(0);
          } else if (i > 0 && (states[i - 1] as Sm2State).repetitions >= 1) {
            expect(state.interval).toBeGreaterThanOrEqual((states[i - 1] as Sm2State).interval);
          }
          expect(Number.isInteger(state.interval)).toBe(true);
        });
      }),
    );
  });
});
