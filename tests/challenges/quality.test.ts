import { describe, expect, it } from 'vitest';
import { attemptQuality } from '../../src/challenges/quality.js';

describe('attemptQuality', () => {
  it('gives 5 for a first-time pass without hints', () => {
    expect(attemptQuality({ status: 'passed', hintsUsed: 0, checksRun: 1, passedAt: 1 })).toBe(5);
  });
  it('gives 4 or 3 after hints or several checks', () => {
    expect(attemptQuality({ status: 'passed', hintsUsed: 1, checksRun: 2, passedAt: 1 })).toBe(4);
    expect(attemptQuality({ status: 'passed', hintsUsed: 3, checksRun: 6, passedAt: 1 })).toBe(3);
  });
  it('gives 1 when the learner gave up or never passed', () => {
    expect(attemptQuality({ status: 'gave_up', hintsUsed: 0, checksRun: 2, passedAt: null })).toBe(1);
    expect(attemptQuality({ status: 'ended', hintsUsed: 0, checksRun: 2, passedAt: null })).toBe(1);
  });
});
