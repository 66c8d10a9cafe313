import { describe, expect, it } from 'vitest';
import { ATTEMPT_LABEL, belongsToAttempt } from '../../src/sandbox/ownership.js';

describe('belongsToAttempt', () => {
  const before = ['old-container'];

  it('claims what is labelled for the attempt, even if it existed before', () => {
    expect(belongsToAttempt('old-container', { [ATTEMPT_LABEL]: 'a1' }, before, 'a1')).toBe(true);
  });

  it('claims what was made since the start', () => {
    expect(belongsToAttempt('new-container', {}, before, 'a1')).toBe(true);
  });

  it('never claims what the learner had before', () => {
    expect(belongsToAttempt('old-container', {}, before, 'a1')).toBe(false);
  });

  it("leaves another attempt's or a classroom sandbox's resources alone", () => {
    expect(belongsToAttempt('new', { [ATTEMPT_LABEL]: 'a2' }, before, 'a1')).toBe(false);
    expect(belongsToAttempt('new', { 'deckhand.sandbox': 's1' }, before, 'a1')).toBe(false);
  });

  it('ignores the deckhand.* labels images pass on to their containers', () => {
    expect(belongsToAttempt('new', { 'deckhand.recipe': 'nginx:latest' }, before, 'a1')).toBe(true);
  });
});
