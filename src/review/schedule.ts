import { addDays, type Day } from '../scheduler/day.js';
import { DEFAULT_DESIRED_RETENTION, fsrsNext } from '../scheduler/fsrs.js';
import { sm2, type Quality } from '../scheduler/sm2.js';
import type { CardState } from './card-state.js';

export type AnswerKind = 'new' | 'review' | 'drill';

/** Which scheduler sets a learner's due days: SM-2 exactly (the default) or FSRS. */
export type SchedulerChoice = { kind: 'sm2' } | { kind: 'fsrs'; desiredRetention: number };

export const SM2_SCHEDULER: SchedulerChoice = Object.freeze({ kind: 'sm2' });

/** Whether an answer today is a same-day drill (SM-2 step 7) rather than a scheduled review. */
export function answerKind(state: CardState, today: Day): AnswerKind {
  if (state.drillDay === today) return 'drill';
  return state.dueDay === null ? 'new' : 'review';
}

/**
 * The state after answering `quality` today. A scheduled answer updates both memories, SM-2's
 * (n and EF, exactly) and FSRS's (stability and difficulty), and the chosen scheduler sets the
 * interval and due day, so switching scheduler loses nothing. An answer below 4 also marks the
 * card for drilling today (SM-2 step 7, kept under FSRS too: it is the session's rule). Drills
 * never touch the schedule: they only end the drill once the learner scores 4 or more.
 *
 * Under SM-2, a card with history whose FSRS memory is unknown (answered before FSRS existed)
 * keeps it unknown; under FSRS the caller rebuilds it from the review log first
 * (src/review/fsrs-memory.ts), and with no log to rebuild from FSRS starts from its defaults.
 */
export function scheduleAnswer(state: CardState, quality: Quality, today: Day, scheduler: SchedulerChoice = SM2_SCHEDULER): CardState {
  if (answerKind(state, today) === 'drill') {
    return { ...state, drillDay: quality >= 4 ? null : today };
  }
  const next = sm2({ repetitions: state.repetitions, easiness: state.ease / 100, interval: elapsedInterval(state, today) }, quality);
  const retention = scheduler.kind === 'fsrs' ? scheduler.desiredRetention : DEFAULT_DESIRED_RETENTION;
  const memoryKnown = state.fsrs !== null || state.dueDay === null || scheduler.kind === 'fsrs';
  const fsrs = memoryKnown ? fsrsNext(state.fsrs, quality, today, retention) : null;
  const interval = scheduler.kind === 'fsrs' && fsrs ? fsrs.interval : next.interval;
  return {
    ...state,
    repetitions: next.repetitions,
    ease: Math.round(next.easiness * 100),
    interval,
    dueDay: addDays(today, interval),
    fsrs: fsrs?.memory ?? null,
    introducedDay: state.introducedDay ?? today,
    drillDay: quality >= 4 ? null : today,
  };
}

/**
 * The interval SM-2 multiplies: the days since the card's last review. On or after the due day
 * that is the scheduled interval I (exact SM-2 ignores how late a review is). A card reviewed
 * ahead (before its due day, "study more") has waited less than I, and SM-2's I is the wait that
 * the recall survived, so the days that really passed are used: a card due tomorrow with I = 10
 * reviewed today gives ceil(9 × EF), not ceil(10 × EF). Never below 1 day.
 */
export function elapsedInterval(state: CardState, today: Day): number {
  if (state.dueDay === null || state.dueDay <= today) return state.interval;
  return Math.max(1, state.interval - daysBetween(today, state.dueDay));
}

/** The four buttons: label, key, SM-2 quality. */
export const ANSWER_BUTTONS = [
  { label: 'Again', key: '1', quality: 1 },
  { label: 'Hard', key: '2', quality: 3 },
  { label: 'Good', key: '3', quality: 4 },
  { label: 'Easy', key: '4', quality: 5 },
] as const satisfies readonly { label: string; key: string; quality: Quality }[];

/** One grade button as the page shows it: what it is and the interval it would give. */
export interface ButtonPreview {
  label: string;
  key: string;
  quality: Quality;
  /** In words for the button: "6 days", "1 day · again today", "again today". */
  next: string;
  /** Days until the card's next scheduled review after this grade. */
  days: number;
  /** Whether the card also comes back in today's session. */
  againToday: boolean;
}

/**
 * What each button would do. A scheduled answer shows the interval the learner's scheduler
 * (SM-2 or FSRS) would give (and "again today" below 4); a same-day drill leaves the schedule
 * alone, so its passing buttons show the wait until the review already set, and the failing
 * ones "again today".
 */
export function buttonPreviews(state: CardState, today: Day, scheduler: SchedulerChoice = SM2_SCHEDULER): ButtonPreview[] {
  const kind = answerKind(state, today);
  return ANSWER_BUTTONS.map((button) => {
    const after = scheduleAnswer(state, button.quality, today, scheduler);
    const againToday = after.drillDay === today;
    const days = after.dueDay === null ? after.interval : daysBetween(today, after.dueDay);
    let next: string;
    if (kind === 'drill') next = againToday ? 'again today' : formatInterval(days);
    else next = `${formatInterval(days)}${againToday ? ' · again today' : ''}`;
    return { ...button, next, days, againToday };
  });
}

function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An interval in words: "1 day", "6 days", "3 mo", "1.2 yr"; 0 is "today". */
export function formatInterval(days: number): string {
  if (days <= 0) return 'today';
  if (days < 30) return days === 1 ? '1 day' : `${days} days`;
  if (days < 365) return `${Math.round(days / 30)} mo`;
  return `${(days / 365).toFixed(1)} yr`;
}
