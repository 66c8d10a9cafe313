import { createEmptyCard, fsrs, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { Day } from './day.js';
import type { Quality } from './sm2.js';

/** What FSRS knows of one learner's memory of one card. */
export interface FsrsMemory {
  /** Days until recall probability falls to 90%. */
  stability: number;
  /** 1 (easy) to 10 (hard). */
  difficulty: number;
  /** The day of the last answer this memory counts. */
  lastReviewDay: Day;
}

export const DEFAULT_DESIRED_RETENTION = 0.9;

// Deckhand schedules whole days, so FSRS runs without learning steps (short-term off): every
// answer gives a number of days, as SM-2's do. No fuzz, so a button shows exactly what it gives.
// The parameters are ts-fsrs's defaults: FSRS-6's 21 weights.
const schedulers = new Map<number, FSRS>();

function schedulerFor(desiredRetention: number): FSRS {
  let scheduler = schedulers.get(desiredRetention);
  if (!scheduler) {
    scheduler = fsrs({ request_retention: desiredRetention, enable_fuzz: false, enable_short_term: false });
    schedulers.set(desiredRetention, scheduler);
  }
  return scheduler;
}

/** SM-2's qualities as FSRS grades: below 3 forgot (Again), then Hard 3, Good 4, Easy 5. */
export function fsrsGrade(quality: Quality): Grade {
  if (quality < 3) return Rating.Again;
  if (quality === 3) return Rating.Hard;
  return quality === 4 ? Rating.Good : Rating.Easy;
}

// A day as an instant: noon UTC, so whole days apart stay whole days apart.
const instant = (day: Day) => new Date(`${day}T12:00:00Z`);

function cardOf(memory: FsrsMemory | null, today: Day): Card {
  if (!memory) return createEmptyCard(instant(today));
  return {
    due: instant(today),
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: State.Review,
    last_review: instant(memory.lastReviewDay),
  };
}

/**
 * FSRS's answer to `quality` today: the memory after it and the days until the next review
 * (at least 1). Pure: the memory, the grade, the day and the retention decide.
 */
export function fsrsNext(memory: FsrsMemory | null, quality: Quality, today: Day, desiredRetention: number): { memory: FsrsMemory; interval: number } {
  const { card } = schedulerFor(desiredRetention).next(cardOf(memory, today), instant(today), fsrsGrade(quality));
  return {
    memory: { stability: card.stability, difficulty: card.difficulty, lastReviewDay: today },
    interval: Math.max(1, card.scheduled_days),
  };
}
