import type { Database } from '../db/database.js';
import { addDays, type Day } from '../scheduler/day.js';
import { splitTopic } from '../content/card.js';
import { learnerCardWhere } from '../drafts/learner-cards.js';
import { answeredToday, queueCounts, type DailyLimits, type QueueCounts } from './queue.js';

export interface TopicSummary {
  topic: string;
  total: number;
  due: number;
  fresh: number;
  learned: number;
}

export interface HomeSummary {
  counts: QueueCounts;
  reviewedToday: number;
  streak: number;
  topics: TopicSummary[];
}

/**
 * Consecutive days with at least one answer, ending today — or yesterday, so a streak is not
 * shown as broken in the morning before the day's first review.
 */
export function streakDays(db: Database, userId: number, today: Day): number {
  const days = new Set(
    db
      .all<{ day: string }>(
        `SELECT DISTINCT day FROM review_log WHERE user_id = ? AND undone_at IS NULL AND day <= ? ORDER BY day DESC LIMIT 3660`,
        [userId, today],
      )
      .map((row) => row.day),
  );
  let day = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** Due, new and learned cards per top-level topic, of the cards that are the learner's. */
export function topicSummaries(db: Database, userId: number, today: Day): TopicSummary[] {
  const rows = db.all<{ topic: string; due_day: string | null; suspended: number | null }>(
    `SELECT c.topic, cs.due_day, cs.suspended FROM cards c
       LEFT JOIN card_states cs ON cs.card_id = c.id AND cs.user_id = @userId
      WHERE ${learnerCardWhere('c')} ORDER BY c.position`,
    { userId },
  );
  const byTopic = new Map<string, TopicSummary>();
  for (const row of rows) {
    const topic = splitTopic(row.topic)[0] ?? 'General';
    let summary = byTopic.get(topic);
    if (!summary) {
      summary = { topic, total: 0, due: 0, fresh: 0, learned: 0 };
      byTopic.set(topic, summary);
    }
    summary.total += 1;
    if (row.suspended === 1) continue;
    if (row.due_day === null) summary.fresh += 1;
    else {
      summary.learned += 1;
      if (row.due_day <= today) summary.due += 1;
    }
  }
  return [...byTopic.values()];
}

/** Everything the home page shows. */
export function homeSummary(db: Database, userId: number, today: Day, limits: DailyLimits): HomeSummary {
  return {
    counts: queueCounts(db, userId, today, limits),
    reviewedToday: answeredToday(db, userId, today).total,
    streak: streakDays(db, userId, today),
    topics: topicSummaries(db, userId, today),
  };
}
