import { addDays, type Day } from '../scheduler/day.js';
import { sm2, type Quality } from '../scheduler/sm2.js';
import type { CardState } from './card-state.js';

export type AnswerKind = 'new' | 'review' | 'drill';

/** Whether an answer today is a same-day drill (SM-2 step 7) rather than a scheduled review. */
export function answerKind(state: CardState, today: Day): AnswerKind {
  if (state.drillDay === today) return 'drill';
  return state.dueDay === null ? 'new' : 'review';
}

/**
 * The state after answering `quality` today. Scheduled answers go through SM-2; an answer below 4
 * also marks the card for drilling today. Drills never touch n, EF or I: they only end the drill
 * once the learner scores 4 or more.
 */
export function scheduleAnswer(state: CardState, quality: Quality, today: Day): CardState {
  if (answerKind(state, today) === 'drill') {
    return { ...state, drillDay: quality >= 4 ? null : today };
  }
  const next = sm2({ repetitions: state.repetitions, easiness: state.ease / 100, interval: state.interval }, quality);
  return {
    ...state,
    repetitions: next.repetitions,
    ease: Math.round(next.easiness * 100),
    interval: next.interval,
    dueDay: addDays(today, next.interval),
    introducedDay: state.introducedDay ?? today,
    drillDay: quality >= 4 ? null : today,
  };
}

/** The four buttons: label, key, SM-2 quality. */
export const ANSWER_BUTTONS = [
  { label: 'Again', key: '1', quality: 1 },
  { label: 'Hard', key: '2', quality: 3 },
  { label: 'Good', key: '3', quality: 4 },
  { label: 'Easy', key: '4', quality: 5 },
] as const satisfies readonly { label: string; key: string; quality: Quality }[];

/** What each button would do, in words for the button ("6 days", "again today"). */
export function buttonPreviews(state: CardState, today: Day): { label: string; key: string; quality: Quality; next: string }[] {
  return ANSWER_BUTTONS.map((button) => {
    const after = scheduleAnswer(state, button.quality, today);
    const kind = answerKind(state, today);
    let next: string;
    if (kind === 'drill') next = after.drillDay ? 'again today' : 'done today';
    else next = `${formatInterval(after.interval)}${after.drillDay ? ' · again today' : ''}`;
    return { ...button, next };
  });
}

export function formatInterval(days: number): string {
  if (days < 30) return days === 1 ? '1 day' : `${days} days`;
  if (days < 365) return `${Math.round(days / 30)} mo`;
  return `${(days / 365).toFixed(1)} yr`;
}
