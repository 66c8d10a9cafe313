import { splitTopic } from '../content/card.js';
import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';

/**
 * What a student's classes ask them to work on. `'all'` means no restriction: a class that chose
 * no topics (or no challenges) hides nothing, so a fresh class never empties a queue by surprise.
 */
export interface ClassScope {
  topics: 'all' | string[];
  /** Chosen challenges with the earliest due day any of the student's classes gives them. */
  challenges: 'all' | { challengeId: string; dueDay: Day | null }[];
}

/**
 * The scope for a user across all their classes, or null when they belong to none (a learner on
 * their own, or an instructor): then nothing is filtered. For the review queue and challenge
 * list: the review queue takes `scope.topics` as its topics (src/web/learner-day.ts),
 * `challengeInScope(scope, challenge.id)` filters the challenge list.
 */
export function classScopeFor(db: Database, userId: number): ClassScope | null {
  const classes = db.all<{ class_id: number; topics: number; challenges: number }>(
    `SELECT m.class_id,
            (SELECT count(*) FROM class_topics t WHERE t.class_id = m.class_id) AS topics,
            (SELECT count(*) FROM class_challenges c WHERE c.class_id = m.class_id) AS challenges
       FROM class_members m WHERE m.user_id = ?`,
    [userId],
  );
  if (classes.length === 0) return null;
  // One class without a choice opens everything: the union with "all" is "all".
  const allTopics = classes.some((c) => c.topics === 0);
  const allChallenges = classes.some((c) => c.challenges === 0);
  const topics = allTopics
    ? 'all'
    : db
        .all<{ topic: string }>(
          `SELECT DISTINCT t.topic FROM class_topics t JOIN class_members m ON m.class_id = t.class_id
            WHERE m.user_id = ? ORDER BY t.topic`,
          [userId],
        )
        .map((row) => row.topic);
  const challenges = allChallenges
    ? 'all'
    : db
        .all<{ challenge_id: string; due_day: string | null }>(
          // min() skips NULLs: a challenge due in one class and open-ended in another is due.
          `SELECT c.challenge_id, min(c.due_day) AS due_day FROM class_challenges c
             JOIN class_members m ON m.class_id = c.class_id
            WHERE m.user_id = ? GROUP BY c.challenge_id ORDER BY c.challenge_id`,
          [userId],
        )
        .map((row) => ({ challengeId: row.challenge_id, dueDay: row.due_day }));
  return { topics, challenges };
}

/**
 * Whether a card's topic path (' › '-joined) falls under the scope's top-level topics. The review
 * queue asks the same in SQL (src/review/queue.ts); this is the rule for one card in hand.
 */
export function topicInScope(scope: { topics: 'all' | readonly string[] } | null, topic: string): boolean {
  if (!scope || scope.topics === 'all') return true;
  const top = splitTopic(topic)[0];
  return top !== undefined && scope.topics.includes(top);
}

/** Whether a challenge is part of the scope. */
export function challengeInScope(scope: ClassScope | null, challengeId: string): boolean {
  if (!scope || scope.challenges === 'all') return true;
  return scope.challenges.some((c) => c.challengeId === challengeId);
}
