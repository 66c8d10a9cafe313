import type { Day } from '../scheduler/day.js';
import { nextEaseHundredths } from '../scheduler/sm2.js';
import type { CardState } from './card-state.js';
import { answerKind, elapsedInterval, formatInterval, SM2_SCHEDULER, type ButtonPreview, type SchedulerChoice } from './schedule.js';

/**
 * Why two grade buttons show the same interval, in one line under the buttons, or null when
 * every button differs. Exact SM-2 makes this the rule rather than the exception: the interval of
 * a passing answer depends only on the repetition count and the ease from *before* the answer
 * (1 day, then 6, then I × EF), so Hard, Good and Easy always agree; what the grade changes is
 * the ease, which the line shows, since that is what the learner is choosing.
 */
export function intervalNote(state: CardState, today: Day, buttons: readonly ButtonPreview[], scheduler: SchedulerChoice = SM2_SCHEDULER): string | null {
  if (!hasSameInterval(buttons)) return null;
  const kind = answerKind(state, today);
  // FSRS gives each grade its own interval; only a practice round (or a cap) makes them agree.
  if (scheduler.kind === 'fsrs' && kind !== 'drill') return null;
  if (kind === 'drill') {
    const pass = buttons.find((button) => !button.againToday);
    const wait = pass ? ` (next review in ${formatInterval(pass.days)})` : '';
    return `Practice round: answers today keep the schedule SM-2 set${wait}; Good or Easy ends today's practice, Again or Hard repeats it.`;
  }
  const pass = buttons.find((button) => button.quality >= 3);
  const interval = pass ? formatInterval(pass.days) : '';
  const eases = buttons.map((button) => `${button.label} ${easeText(nextEaseHundredths(state.ease, button.quality))}`).join(', ');
  const grade = `The grade sets the ease (${eases}), which`;
  if (state.repetitions === 0) {
    const lead = kind === 'new' ? 'New card' : 'Relearning';
    return `${lead}: every grade gives 1 day, SM-2's first step. ${grade} shows from the third review.`;
  }
  if (state.repetitions === 1) {
    return `Second review: every passing grade gives 6 days, SM-2's second step. ${grade} shows from the next review.`;
  }
  return (
    `Every passing grade gives ${interval}: SM-2 multiplies the last interval by the ease from before this answer ` +
    `(${elapsedInterval(state, today)} × ${easeText(state.ease)}${aheadText(state, today)}). ${grade} shows from the next review.`
  );
}

// In a practice round every button keeps the same review day; only "again today" differs.
function hasSameInterval(buttons: readonly ButtonPreview[]): boolean {
  return new Set(buttons.map((button) => button.days)).size < buttons.length;
}

// Reviewing ahead, the interval multiplied is the days since the last review, not the one scheduled.
function aheadText(state: CardState, today: Day): string {
  return state.dueDay !== null && state.dueDay > today ? `; reviewed ahead, ${elapsedInterval(state, today)} days since the last review, not ${state.interval}` : '';
}

function easeText(hundredths: number): string {
  return (hundredths / 100).toFixed(2);
}
