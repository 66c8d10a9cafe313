import type { Day } from '../scheduler/day.js';
import type { ExportReview, ExportState } from './learner-export.js';

/**
 * SM-2 state and review-log rows as Anki's legacy (schema 11) columns. Pure: given a state or a
 * log row and the collection's creation day, the numbers Anki stores.
 *
 * Exact: interval (ivl, days), EF (factor = EF × 1000, and Anki's floor 1300 is SM-2's 1.3),
 * repetitions (reps, counted from the log), the due day of a scheduled card, suspension
 * (queue -1), each answer's time, intervals and ease, and Again/Hard/Good/Easy (quality
 * 1/3/4/5 → ease 1/2/3/4).
 * Approximate: SM-2 has no learning steps, so a card that has been answered is always an Anki
 * review card (type 2) due on its day, even right after a lapse; quality 0 and 2 (never given by
 * the review buttons; a challenge's "gave up" is 1) become Again; same-day drills are logged as
 * Anki "relearn" answers and quiz answers as reviews; a due day is exact when Anki runs in the
 * learner's time zone with Deckhand's rollover hour, and may move by a day otherwise (see
 * collectionCreation in anki-package.ts).
 */

export interface AnkiSchedule {
  /** 0 new, 2 review. */
  type: 0 | 2;
  /** 0 new, 2 review, -1 suspended. */
  queue: 0 | 2 | -1;
  /** A new card's position in the new queue, or a review card's day number since the collection's creation. */
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export function dayNumber(day: Day): number {
  const [year, month, date] = day.split('-').map(Number);
  return Math.round(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1) / MS_PER_DAY);
}

/** The answer button Anki would record for an SM-2 quality. */
export function easeOfQuality(quality: number): 1 | 2 | 3 | 4 {
  if (quality >= 5) return 4;
  if (quality === 4) return 3;
  if (quality === 3) return 2;
  return 1;
}

/** Whether a log row is a lapse in Anki's sense: a failed answer to a card that had an interval. */
export function isLapse(review: ExportReview): boolean {
  return review.undoneAt === null && review.kind !== 'drill' && review.quality < 3 && review.intervalBefore > 0;
}

/**
 * Anki's revlog type: 0 learn (the first answer of a card), 1 review, 2 relearn (SM-2's
 * same-day drill of a card graded below 4 comes closest).
 */
export function revlogType(review: ExportReview): 0 | 1 | 2 {
  if (review.kind === 'drill') return 2;
  if (review.kind === 'new' || (review.repsBefore === 0 && review.intervalBefore === 0)) return 0;
  return 1;
}

/**
 * A card's Anki scheduling columns. `history` is the card's own log (undone answers are ignored,
 * as the schedule ignores them); `newPosition` orders new cards; `creationDay` is the day the
 * collection's `crt` starts.
 */
export function ankiSchedule(
  state: ExportState | null,
  history: readonly ExportReview[],
  newPosition: number,
  creationDay: Day,
): AnkiSchedule {
  const counted = history.filter((review) => review.undoneAt === null);
  const reps = counted.length;
  const lapses = counted.filter(isLapse).length;
  if (!state || state.dueDay === null) {
    return { type: 0, queue: state?.suspended ? -1 : 0, due: newPosition, ivl: 0, factor: 0, reps, lapses };
  }
  return {
    type: 2,
    queue: state.suspended ? -1 : 2,
    due: dayNumber(state.dueDay) - dayNumber(creationDay),
    // Anki's review cards have an interval of at least a day; SM-2's is 1 after any answer.
    ivl: Math.max(1, state.interval),
    factor: state.ease * 10,
    reps,
    lapses,
  };
}

export interface AnkiRevlog {
  id: number;
  ease: 1 | 2 | 3 | 4;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: 0 | 1 | 2;
}

/** One answer as an Anki revlog row (its id is the answer's time in ms, made unique by the caller). */
export function ankiRevlog(review: ExportReview): AnkiRevlog {
  return {
    id: review.answeredAt,
    ease: easeOfQuality(review.quality),
    ivl: review.intervalAfter,
    lastIvl: review.intervalBefore,
    factor: review.easeAfter * 10,
    time: review.durationMs,
    type: revlogType(review),
  };
}
