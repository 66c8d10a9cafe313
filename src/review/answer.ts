import { topicInScope } from '../classes/class-scope.js';
import type { Database } from '../db/database.js';
import { isLearnerCard } from '../drafts/learner-cards.js';
import { conflict, notFound } from '../errors/app-error.js';
import type { Day } from '../scheduler/day.js';
import type { Quality } from '../scheduler/sm2.js';
import { fsrsMemoryOf, readCardState, writeCardState, type CardState } from './card-state.js';
import { answeredToday, type DailyLimits } from './queue.js';
import { stateForScheduler } from './fsrs-memory.js';
import { answerKind, scheduleAnswer, type AnswerKind } from './schedule.js';
import { schedulerOf } from './study-options.js';

export interface AnswerInput {
  userId: number;
  cardId: string;
  quality: Quality;
  /** Unix ms when the answer arrived. */
  now: number;
  /** The learner's day at `now`. */
  today: Day;
  durationMs: number;
  /** Quiz answers count as reviews of the card but are logged as such. */
  source?: 'review' | 'quiz';
  /** When given, a new card beyond today's new-card limit is refused (the API accepts any id). */
  limits?: DailyLimits;
}

export interface AnswerOutcome {
  logId: number;
  kind: AnswerKind;
  before: CardState;
  after: CardState;
}

/**
 * Records one answer: the new SM-2 state and the review-log row are written in one transaction,
 * so when the caller says "saved" both are on disk, and a crash leaves neither or both.
 */
export function recordAnswer(db: Database, input: AnswerInput): AnswerOutcome {
  return db.transaction(() => {
    const card = db.first<{ retired_at: number | null; topic: string }>('SELECT retired_at, topic FROM cards WHERE id = ?', [input.cardId]);
    if (!card) throw notFound('That card does not exist.');
    if (card.retired_at !== null) throw conflict('That card was removed from the notes.');
    if (!isLearnerCard(db, input.userId, input.cardId)) {
      throw conflict('That card is a draft you have not accepted, or one you rejected.');
    }
    if (!topicInScope({ topics: input.limits?.topics ?? 'all' }, card.topic)) {
      throw conflict('That card is not part of the topics your class is working on.');
    }
    const scheduler = schedulerOf(db, input.userId);
    const before = stateForScheduler(db, input.userId, readCardState(db, input.userId, input.cardId), input.cardId, scheduler);
    if (before.suspended) throw conflict('That card is suspended.');
    const kind = answerKind(before, input.today);
    // Reviewing ahead ("study more") lets cards due through tomorrow in; SM-2 then runs on the
    // days that really passed (src/review/schedule.ts, elapsedInterval).
    const dueThrough = input.limits?.dueThrough ?? input.today;
    // A card answered today is due tomorrow at the earliest with I = 1: it is never reviewed ahead.
    const early = kind === 'review' && before.dueDay !== null && before.dueDay > input.today;
    if (early && input.source !== 'quiz' && ((before.dueDay ?? input.today) > dueThrough || before.interval <= 1)) {
      throw conflict('That card is not due today; it may have been answered in another tab.');
    }
    if (kind === 'new' && input.limits && input.source !== 'quiz') {
      const limit = input.limits.newCardsPerDay;
      if (answeredToday(db, input.userId, input.today).new >= limit) {
        throw conflict(`You have reached today's limit of ${limit} new cards.`);
      }
    }
    // A quiz may ask about a card that is not due yet. Knowing it early says little (SM-2 would
    // stretch the interval as if the full wait had passed), so the schedule stays; forgetting it
    // says a lot, so a failure resets it as in a review.
    const after = early && input.source === 'quiz' && input.quality >= 3 ? before : scheduleAnswer(before, input.quality, input.today, scheduler);
    writeCardState(db, input.userId, input.cardId, after, input.now);
    const logKind = input.source === 'quiz' ? 'quiz' : kind;
    const { lastInsertRowid } = db.run(
      `INSERT INTO review_log (user_id, card_id, kind, quality, answered_at, day, duration_ms,
         reps_before, ease_before, interval_before, due_before, drill_before, introduced_before,
         reps_after, ease_after, interval_after, due_after, drill_after,
         scheduler, fsrs_stability_before, fsrs_difficulty_before, fsrs_last_review_before)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        input.userId, input.cardId, logKind, input.quality, input.now, input.today, input.durationMs,
        before.repetitions, before.ease, before.interval, before.dueDay, before.drillDay, before.introducedDay,
        after.repetitions, after.ease, after.interval, after.dueDay, after.drillDay,
        // A drill or a quiz's early pass leaves the schedule alone: the learner's scheduler is still
        // the one whose due day stands.
        scheduler.kind, before.fsrs?.stability ?? null, before.fsrs?.difficulty ?? null, before.fsrs?.lastReviewDay ?? null,
      ],
    );
    return { logId: lastInsertRowid, kind, before, after };
  });
}

interface LogRow {
  id: number;
  card_id: string;
  reps_before: number;
  ease_before: number;
  interval_before: number;
  due_before: string | null;
  drill_before: string | null;
  introduced_before: string | null;
  fsrs_stability_before: number | null;
  fsrs_difficulty_before: number | null;
  fsrs_last_review_before: string | null;
}

/**
 * Undoes the learner's last answer: the card gets back the state it had before, and the log row
 * is marked undone (kept, so the history shows what happened). Returns the card id, or undefined
 * when there is nothing to undo.
 */
export function undoLastAnswer(db: Database, userId: number, now: number): string | undefined {
  return db.transaction(() => {
    const last = db.first<LogRow>(
      `SELECT id, card_id, reps_before, ease_before, interval_before, due_before, drill_before, introduced_before,
              fsrs_stability_before, fsrs_difficulty_before, fsrs_last_review_before
         FROM review_log WHERE user_id = ? AND undone_at IS NULL AND kind <> 'quiz'
        ORDER BY day DESC, id DESC LIMIT 1`,
      [userId],
    );
    if (!last) return undefined;
    const current = readCardState(db, userId, last.card_id);
    writeCardState(
      db,
      userId,
      last.card_id,
      {
        ...current,
        repetitions: last.reps_before,
        ease: last.ease_before,
        interval: last.interval_before,
        dueDay: last.due_before,
        drillDay: last.drill_before,
        introducedDay: last.introduced_before,
        fsrs: fsrsMemoryOf(last.fsrs_stability_before, last.fsrs_difficulty_before, last.fsrs_last_review_before),
      },
      null,
    );
    db.run('UPDATE review_log SET undone_at = ? WHERE id = ?', [now, last.id]);
    return last.card_id;
  });
}
