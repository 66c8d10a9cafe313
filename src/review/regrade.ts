import type { Database } from '../db/database.js';
import { conflict, notFound } from '../errors/app-error.js';
import type { Quality } from '../scheduler/sm2.js';
import { recordAnswer } from './answer.js';
import { fsrsMemoryOf, readCardState, writeCardState } from './card-state.js';

interface LogRow {
  id: number;
  card_id: string;
  kind: string;
  day: string;
  duration_ms: number;
  reps_before: number;
  ease_before: number;
  interval_before: number;
  due_before: string | null;
  drill_before: string | null;
  introduced_before: string | null;
  reps_after: number;
  ease_after: number;
  interval_after: number;
  due_after: string | null;
  drill_after: string | null;
  fsrs_stability_before: number | null;
  fsrs_difficulty_before: number | null;
  fsrs_last_review_before: string | null;
}

/**
 * Replaces an automatic grade by the learner's own ("I was right"): the card gets back the state
 * it had before that answer, and the answer is recorded again with `quality`. Both stay in the
 * review log: the original row is marked undone (so it no longer counts) and the new row's
 * `corrects_id` points at it. Only the card's latest answer can be regraded, since a later
 * answer was scheduled from the grade being replaced. Returns the new log row's id.
 */
export function regradeAnswer(db: Database, input: { userId: number; logId: number; quality: Quality; now: number }): number {
  return db.transaction(() => {
    const row = db.first<LogRow>(
      `SELECT id, card_id, kind, day, duration_ms, reps_before, ease_before, interval_before, due_before, drill_before,
              introduced_before, reps_after, ease_after, interval_after, due_after, drill_after,
              fsrs_stability_before, fsrs_difficulty_before, fsrs_last_review_before
         FROM review_log WHERE id = ? AND user_id = ? AND undone_at IS NULL`,
      [input.logId, input.userId],
    );
    if (!row) throw notFound('There is no such answer to correct.');
    const current = readCardState(db, input.userId, row.card_id);
    const unchangedSince =
      current.repetitions === row.reps_after &&
      current.ease === row.ease_after &&
      current.interval === row.interval_after &&
      current.dueDay === row.due_after &&
      current.drillDay === row.drill_after;
    if (!unchangedSince) throw conflict('This card has been answered again since, so that grade can no longer be changed.');
    writeCardState(
      db,
      input.userId,
      row.card_id,
      {
        ...current,
        repetitions: row.reps_before,
        ease: row.ease_before,
        interval: row.interval_before,
        dueDay: row.due_before,
        drillDay: row.drill_before,
        introducedDay: row.introduced_before,
        fsrs: fsrsMemoryOf(row.fsrs_stability_before, row.fsrs_difficulty_before, row.fsrs_last_review_before),
      },
      null,
    );
    db.run('UPDATE review_log SET undone_at = ? WHERE id = ?', [input.now, row.id]);
    const outcome = recordAnswer(db, {
      userId: input.userId,
      cardId: row.card_id,
      quality: input.quality,
      now: input.now,
      today: row.day,
      durationMs: row.duration_ms,
      source: row.kind === 'quiz' ? 'quiz' : 'review',
    });
    db.run('UPDATE review_log SET corrects_id = ? WHERE id = ?', [row.id, outcome.logId]);
    return outcome.logId;
  });
}
