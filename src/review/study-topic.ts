import { z } from 'zod';
import { topicPrefixes } from '../content/card.js';
import type { Database } from '../db/database.js';
import { learnerCardWhere } from '../drafts/learner-cards.js';

/**
 * The topic a learner may choose to study on its own (`/review?topic=…`): the path of one of
 * their cards, or a prefix of one by whole segments ("Docker" and "Docker › Images" for a card
 * at "Docker › Images › Layers").
 */
export function studyTopicPaths(db: Database, userId: number): Set<string> {
  const paths = new Set<string>();
  for (const row of db.all<{ topic: string }>(`SELECT DISTINCT c.topic FROM cards c WHERE ${learnerCardWhere('c')}`, { userId })) {
    for (const path of topicPrefixes(row.topic)) paths.add(path);
  }
  return paths;
}

/**
 * The `topic` field of a review request: absent (every topic in scope) or one of `known`. The
 * paths are read only when a topic is given, so the plain review path costs nothing more.
 */
export function studyTopicSchema(known: () => ReadonlySet<string>) {
  return z.object({
    // `?topic=` (empty) is the same as no topic: every topic in scope.
    topic: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string({ error: 'must be one topic path' })
        .max(500, { error: 'must be at most 500 characters' })
        .optional()
        .superRefine((topic, ctx) => {
          if (topic !== undefined && !known().has(topic)) ctx.addIssue({ code: 'custom', message: `there is no topic called "${topic}" among your cards` });
        }),
    ),
  });
}
