import { describe, expect, it } from 'vitest';
import { NEW_CARD_STATE, type CardState } from '../../src/review/card-state.js';
import { intervalNote } from '../../src/review/interval-note.js';
import { buttonPreviews } from '../../src/review/schedule.js';

const TODAY = '2026-03-10';
const state = (over: Partial<CardState>): CardState => ({ ...NEW_CARD_STATE, ...over });
const preview = (s: CardState) => {
  const buttons = buttonPreviews(s, TODAY);
  return { next: buttons.map((b) => b.next), note: intervalNote(s, TODAY, buttons) };
};

describe('grade buttons and why their intervals coincide', () => {
  it('explains that every grade of a new card gives 1 day and shows the ease each grade sets', () => {
    expect(preview(NEW_CARD_STATE)).toEqual({
      next: ['1 day · again today', '1 day · again today', '1 day', '1 day'],
      note: "New card: every grade gives 1 day, SM-2's first step. The grade sets the ease (Again 1.96, Hard 2.36, Good 2.50, Easy 2.60), which shows from the third review.",
    });
  });

  it('explains the second step of 6 days', () => {
    const { next, note } = preview(state({ repetitions: 1, interval: 1, dueDay: TODAY, introducedDay: '2026-03-09' }));
    expect(next).toEqual(['1 day · again today', '6 days · again today', '6 days', '6 days']);
    expect(note).toBe(
      "Second review: every passing grade gives 6 days, SM-2's second step. The grade sets the ease (Again 1.96, Hard 2.36, Good 2.50, Easy 2.60), which shows from the next review.",
    );
  });

  it('explains that a later interval comes from the ease before the answer', () => {
    const { next, note } = preview(state({ repetitions: 2, ease: 236, interval: 6, dueDay: TODAY, introducedDay: '2026-03-01' }));
    expect(next).toEqual(['1 day · again today', '15 days · again today', '15 days', '15 days']);
    expect(note).toBe(
      'Every passing grade gives 15 days: SM-2 multiplies the last interval by the ease from before this answer (6 × 2.36). The grade sets the ease (Again 1.82, Hard 2.22, Good 2.36, Easy 2.46), which shows from the next review.',
    );
  });

  it('calls a lapsed card relearning', () => {
    expect(preview(state({ repetitions: 0, ease: 196, interval: 1, dueDay: TODAY, introducedDay: '2026-03-01' })).note).toMatch(/^Relearning: every grade gives 1 day/);
  });

  it('shows the wait to the next review on a practice round, not "done today"', () => {
    const { next, note } = preview(state({ repetitions: 1, ease: 236, interval: 1, dueDay: '2026-03-11', drillDay: TODAY, introducedDay: TODAY }));
    expect(next).toEqual(['again today', 'again today', '1 day', '1 day']);
    expect(note).toBe(
      "Practice round: answers today keep the schedule SM-2 set (next review in 1 day); Good or Easy ends today's practice, Again or Hard repeats it.",
    );
  });

  it('says nothing when every button gives a different interval', () => {
    const buttons = buttonPreviews(NEW_CARD_STATE, TODAY).map((b, i) => ({ ...b, days: i + 1 }));
    expect(intervalNote(NEW_CARD_STATE, TODAY, buttons)).toBeNull();
  });
});
