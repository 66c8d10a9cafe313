import { isFlagged } from '../browse/card-flags.js';
import { shownTopic } from '../content/card.js';
import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';
import { cardForScheduling } from './fsrs-memory.js';
import { intervalNote } from './interval-note.js';
import { answeredToday, cardAfter, nextCard, queueCounts, type DailyLimits, type QueueCard, type QueueCounts } from './queue.js';
import { buttonPreviews, type ButtonPreview } from './schedule.js';

/** A card as the review screen shows it: the card, its four buttons and why intervals coincide. */
export interface ShownCard {
  card: QueueCard;
  buttons: ButtonPreview[];
  intervalNote: string | null;
  /** The learner flagged it (`f` on the review screen, or Browse). */
  flagged: boolean;
}

/**
 * Where the learner is in today's session: the counts, the card to show now and the card after
 * it, which the page holds so that the next card appears the moment a grade is given.
 */
export interface ReviewStep {
  counts: QueueCounts;
  current: ShownCard | null;
  after: ShownCard | null;
}

function shown(db: Database, userId: number, today: Day, card: QueueCard): ShownCard {
  const { state, scheduler } = cardForScheduling(db, userId, card.id);
  const buttons = buttonPreviews(state, today, scheduler);
  // The path above the prompt must not give a cloze's answer away (see shownTopic).
  const visible = { ...card, topic: shownTopic(card) };
  return { card: visible, buttons, intervalNote: intervalNote(state, today, buttons, scheduler), flagged: isFlagged(db, userId, card.id) };
}

/** Today's session seen from its current card, sharing one look at today's answers. */
export function reviewStep(db: Database, userId: number, today: Day, limits: DailyLimits): ReviewStep {
  const done = answeredToday(db, userId, today);
  const counts = queueCounts(db, userId, today, limits, done);
  const card = nextCard(db, userId, today, limits, done);
  if (!card) return { counts, current: null, after: null };
  const following = cardAfter(db, userId, today, limits, card, done);
  return {
    counts,
    current: shown(db, userId, today, card),
    after: following ? shown(db, userId, today, following) : null,
  };
}
