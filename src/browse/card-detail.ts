import type { Database } from '../db/database.js';
import { EDITED_ANSWER, EDITED_PROMPT, learnerEditsJoin } from '../drafts/learner-cards.js';
import { notFound } from '../errors/app-error.js';
import { readCardState, type CardState } from '../review/card-state.js';
import type { Day } from '../scheduler/day.js';
import { isFlagged } from './card-flags.js';

/** One answer in a card's history, as its detail page lists it. */
export interface HistoryEntry {
  answeredAt: number;
  /** The learner's day the answer counted for. */
  day: Day;
  kind: 'new' | 'review' | 'drill' | 'quiz';
  /** SM-2 quality, 0–5. */
  quality: number;
  intervalAfter: number;
  easeAfter: number;
  /** This answer corrects an earlier one ("I was right"), which was undone. */
  correction: boolean;
}

/** A card as one learner sees it: their text, their schedule, their flag and their answers only. */
export interface CardDetail {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  /** The notes' text when the learner edited it, else null. */
  original: { prompt: string; answer: string } | null;
  sourceFile: string;
  sourceLine: number;
  draft: boolean;
  retired: boolean;
  rejected: boolean;
  state: CardState;
  flagged: boolean;
  history: HistoryEntry[];
}

interface CardRow {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  note_prompt: string;
  note_answer: string;
  source_file: string;
  source_line: number;
  draft: number;
  retired_at: number | null;
  decision: string | null;
}

interface LogRow {
  answered_at: number;
  day: string;
  kind: HistoryEntry['kind'];
  quality: number;
  interval_after: number;
  ease_after: number;
  corrects_id: number | null;
}

/**
 * The card with id `cardId` for learner `userId`; 404 when no such card exists. Cards are the
 * notes' and shared, so any learner may open any card, but everything personal on the page (edits,
 * schedule, flag, history) is read for `userId` alone.
 */
export function cardDetail(db: Database, userId: number, cardId: string): CardDetail {
  const row = db.first<CardRow>(
    `SELECT c.id, c.kind, c.topic, ${EDITED_PROMPT} AS prompt, ${EDITED_ANSWER} AS answer, c.prompt AS note_prompt,
            c.answer AS note_answer, c.source_file, c.source_line, c.draft, c.retired_at, o.decision
       FROM cards c ${learnerEditsJoin('c')} WHERE c.id = @cardId`,
    { userId, cardId },
  );
  if (!row) throw notFound('That card does not exist.');
  // Live answers only: an undone one no longer counts. The condition also lets SQLite walk the
  // partial index review_log_live (user_id, …) WHERE undone_at IS NULL: this learner's answers,
  // never the whole log (there is no per-card index; migration 014 says why).
  const history = db.all<LogRow>(
    `SELECT answered_at, day, kind, quality, interval_after, ease_after, corrects_id
       FROM review_log WHERE user_id = ? AND undone_at IS NULL AND card_id = ? ORDER BY answered_at DESC, id DESC`,
    [userId, cardId],
  );
  const edited = row.prompt !== row.note_prompt || row.answer !== row.note_answer;
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    prompt: row.prompt,
    answer: row.answer,
    original: edited ? { prompt: row.note_prompt, answer: row.note_answer } : null,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
    draft: row.draft === 1,
    retired: row.retired_at !== null,
    rejected: row.decision === 'rejected',
    state: readCardState(db, userId, cardId),
    flagged: isFlagged(db, userId, cardId),
    history: history.map((h) => ({
      answeredAt: h.answered_at,
      day: h.day,
      kind: h.kind,
      quality: h.quality,
      intervalAfter: h.interval_after,
      easeAfter: h.ease_after,
      correction: h.corrects_id !== null,
    })),
  };
}
