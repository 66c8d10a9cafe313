import type { Database } from '../db/database.js';
import { DEFAULT_DESIRED_RETENTION, fsrsNext, type FsrsMemory } from '../scheduler/fsrs.js';
import type { Quality } from '../scheduler/sm2.js';
import { readCardState, type CardState } from './card-state.js';
import type { SchedulerChoice } from './schedule.js';
import { schedulerOf } from './study-options.js';

/**
 * FSRS's memory of a card rebuilt from the learner's review log: every answer that scheduled it
 * (new and review answers, quiz answers that moved the due day; not drills, not undone ones), in
 * order. Undefined when the log has none (a schedule imported from elsewhere). The desired
 * retention changes intervals, not memory, so the default serves.
 */
export function fsrsMemoryFromLog(db: Database, userId: number, cardId: string): FsrsMemory | undefined {
  const rows = db.all<{ quality: number; day: string }>(
    `SELECT quality, day FROM review_log
      WHERE user_id = ? AND card_id = ? AND undone_at IS NULL
        AND (kind IN ('new', 'review') OR (kind = 'quiz' AND due_after IS NOT due_before))
      ORDER BY day, id`,
    [userId, cardId],
  );
  let memory: FsrsMemory | null = null;
  for (const row of rows) memory = fsrsNext(memory, row.quality as Quality, row.day, DEFAULT_DESIRED_RETENTION).memory;
  return memory ?? undefined;
}

/**
 * A card's state ready for the learner's scheduler: under FSRS, a card with history but no FSRS
 * memory yet (answered only before FSRS existed) gets one from its review log.
 */
export function stateForScheduler(db: Database, userId: number, state: CardState, cardId: string, scheduler: SchedulerChoice): CardState {
  if (scheduler.kind !== 'fsrs' || state.fsrs !== null || state.dueDay === null) return state;
  return { ...state, fsrs: fsrsMemoryFromLog(db, userId, cardId) ?? null };
}

/** The learner's scheduler and a card's state ready for it: what the grade buttons preview. */
export function cardForScheduling(db: Database, userId: number, cardId: string): { state: CardState; scheduler: SchedulerChoice } {
  const scheduler = schedulerOf(db, userId);
  return { state: stateForScheduler(db, userId, readCardState(db, userId, cardId), cardId, scheduler), scheduler };
}
