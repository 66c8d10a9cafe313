import { z } from 'zod';
import { isValidTimeZone } from '../scheduler/day.js';

/** Form fields several pages share, so one rule (and one message) holds everywhere. */
export const Username = z
  .string({ error: 'is required' })
  .trim()
  .min(2, { error: 'must be at least 2 characters' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^[\w.@-]+$/, { error: 'may use letters, digits and . _ @ - only' });

export const Password = z.string({ error: 'is required' }).min(8, { error: 'must be at least 8 characters' }).max(200, { error: 'is too long' });

const MAX_ANSWER_MS = 10 * 60_000;

/**
 * How long an answer took, from the time the page was shown (or what a script measured), kept
 * between 0 and 10 minutes: a tab left open overnight is not a ten-hour answer.
 */
export function answerDuration(now: number, shownAt: number | undefined, measuredMs?: number): number {
  const duration = measuredMs ?? (shownAt === undefined ? 0 : now - shownAt);
  return Math.min(Math.max(duration, 0), MAX_ANSWER_MS);
}

/** An IANA time zone the runtime knows, such as Europe/Berlin. */
export const TimeZone = z
  .string({ error: 'is required' })
  .trim()
  .refine(isValidTimeZone, { error: 'is not a time zone this server knows (use a name like Europe/Berlin)' });
