import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';

export interface DailyLimits {
  newCardsPerDay: number;
  reviewsPerDay: number;
}

export interface QueueCounts {
  due: number;
  new: number;
  drill: number;
  /** Cards left in today's session. */
  left: number;
}

export interface QueueCard {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  sourceFile: string;
  sourceLine: number;
  queue: 'review' | 'new' | 'drill';
}

const CARD_COLUMNS = `c.id, c.kind, c.topic, c.prompt, c.answer, c.source_file AS sourceFile, c.source_line AS sourceLine`;

/** How many scheduled reviews and new cards the learner has answered today (undone ones excluded). */
export function answeredToday(db: Database, userId: number, today: Day): { new: number; review: number; drill: number; total: number } {
  const rows = db.all<{ kind: string; n: number }>(
    `SELECT kind, count(*) AS n FROM review_log
      WHERE user_id = ? AND day = ? AND undone_at IS NULL GROUP BY kind`,
    [userId, today],
  );
  const count = (kind: string) => rows.find((row) => row.kind === kind)?.n ?? 0;
  return { new: count('new'), review: count('review'), drill: count('drill'), total: rows.reduce((sum, r) => sum + r.n, 0) };
}

function remainingLimits(db: Database, userId: number, today: Day, limits: DailyLimits) {
  const done = answeredToday(db, userId, today);
  return {
    reviews: Math.max(0, limits.reviewsPerDay - done.review),
    newCards: Math.max(0, limits.newCardsPerDay - done.new),
  };
}

const DUE_WHERE = `cs.user_id = @userId AND cs.due_day <= @today AND cs.suspended = 0
  AND (cs.drill_day IS NULL OR cs.drill_day <> @today) AND c.retired_at IS NULL`;
const NEW_FROM = `cards c LEFT JOIN card_states cs ON cs.card_id = c.id AND cs.user_id = @userId
  WHERE c.retired_at IS NULL AND (cs.card_id IS NULL OR (cs.due_day IS NULL AND cs.suspended = 0))`;
const DRILL_WHERE = `cs.user_id = @userId AND cs.drill_day = @today AND cs.suspended = 0 AND c.retired_at IS NULL`;

/** Counts for today's session, with the daily limits applied. */
export function queueCounts(db: Database, userId: number, today: Day, limits: DailyLimits): QueueCounts {
  const remaining = remainingLimits(db, userId, today, limits);
  const params = { userId, today };
  const due = db.first<{ n: number }>(`SELECT count(*) AS n FROM card_states cs JOIN cards c ON c.id = cs.card_id WHERE ${DUE_WHERE}`, params)?.n ?? 0;
  const fresh = remaining.newCards === 0 ? 0 : (db.first<{ n: number }>(`SELECT count(*) AS n FROM ${NEW_FROM}`, params)?.n ?? 0);
  const drill = db.first<{ n: number }>(`SELECT count(*) AS n FROM card_states cs JOIN cards c ON c.id = cs.card_id WHERE ${DRILL_WHERE}`, params)?.n ?? 0;
  const counts = { due: Math.min(due, remaining.reviews), new: Math.min(fresh, remaining.newCards), drill };
  return { ...counts, left: counts.due + counts.new + counts.drill };
}

/**
 * The next card of today's session: due reviews first (most overdue first), then new cards in the
 * order of the notes, then the same-day drills of SM-2 step 7, least recently answered first.
 */
export function nextCard(db: Database, userId: number, today: Day, limits: DailyLimits): QueueCard | undefined {
  const remaining = remainingLimits(db, userId, today, limits);
  const params = { userId, today };
  if (remaining.reviews > 0) {
    const due = db.first<Omit<QueueCard, 'queue'>>(
      `SELECT ${CARD_COLUMNS} FROM card_states cs JOIN cards c ON c.id = cs.card_id
        WHERE ${DUE_WHERE} ORDER BY cs.due_day, c.position LIMIT 1`,
      params,
    );
    if (due) return { ...due, queue: 'review' };
  }
  if (remaining.newCards > 0) {
    const fresh = db.first<Omit<QueueCard, 'queue'>>(`SELECT ${CARD_COLUMNS} FROM ${NEW_FROM} ORDER BY c.position LIMIT 1`, params);
    if (fresh) return { ...fresh, queue: 'new' };
  }
  const drill = db.first<Omit<QueueCard, 'queue'>>(
    `SELECT ${CARD_COLUMNS} FROM card_states cs JOIN cards c ON c.id = cs.card_id
      WHERE ${DRILL_WHERE} ORDER BY cs.last_answered_at LIMIT 1`,
    params,
  );
  return drill && { ...drill, queue: 'drill' };
}
