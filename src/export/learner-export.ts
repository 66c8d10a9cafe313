import type { Database } from '../db/database.js';
import { EDITED_ANSWER, EDITED_PROMPT, learnerCardWhere, learnerEditsJoin } from '../drafts/learner-cards.js';
import type { Day } from '../scheduler/day.js';
import { listImportedCards, type ImportedCard } from './imported-cards.js';

/**
 * Everything a learner takes along, read in one place: the cards they meet (the learner-cards
 * rule, with their edits applied), their SM-2 state for each, their whole review log, and the
 * cards they imported. Only rows of `userId` are read; the routes pass the signed-in learner.
 */
export interface LearnerExport {
  cards: ExportCard[];
  history: ExportReview[];
  imported: ImportedCard[];
}

export interface ExportCard {
  id: string;
  kind: string;
  /** Topic path joined with ' › ', as stored. */
  topic: string;
  /** As the learner sees it: their edit, else the note's text. */
  prompt: string;
  answer: string;
  choices: string[] | null;
  sourceFile: string;
  sourceLine: number;
  position: number;
  createdAt: number;
  state: ExportState | null;
}

/** The learner's SM-2 state of one card (null on the card: never seen, not suspended). */
export interface ExportState {
  repetitions: number;
  /** EF in hundredths. */
  ease: number;
  interval: number;
  dueDay: Day | null;
  suspended: boolean;
  lastAnsweredAt: number | null;
}

export interface ExportReview {
  id: number;
  cardId: string;
  kind: 'new' | 'review' | 'drill' | 'quiz';
  quality: number;
  answeredAt: number;
  day: Day;
  durationMs: number;
  repsBefore: number;
  easeBefore: number;
  intervalBefore: number;
  repsAfter: number;
  easeAfter: number;
  intervalAfter: number;
  dueAfter: Day | null;
  undoneAt: number | null;
  correctsId: number | null;
}

interface CardRow {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  choices: string | null;
  source_file: string;
  source_line: number;
  position: number;
  created_at: number;
  repetitions: number | null;
  easiness: number | null;
  interval_days: number | null;
  due_day: string | null;
  suspended: number | null;
  last_answered_at: number | null;
}

interface ReviewRow {
  id: number;
  card_id: string;
  kind: ExportReview['kind'];
  quality: number;
  answered_at: number;
  day: string;
  duration_ms: number;
  reps_before: number;
  ease_before: number;
  interval_before: number;
  reps_after: number;
  ease_after: number;
  interval_after: number;
  due_after: string | null;
  undone_at: number | null;
  corrects_id: number | null;
}

function parseChoices(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** Reads the learner's cards, states, history and imported cards. */
export function readLearnerExport(db: Database, userId: number): LearnerExport {
  const cardRows = db.all<CardRow>(
    `SELECT c.id, c.kind, c.topic, ${EDITED_PROMPT} AS prompt, ${EDITED_ANSWER} AS answer, c.choices,
            c.source_file, c.source_line, c.position, c.created_at,
            s.repetitions, s.easiness, s.interval_days, s.due_day, s.suspended, s.last_answered_at
       FROM cards c ${learnerEditsJoin('c')}
       LEFT JOIN card_states s ON s.user_id = @userId AND s.card_id = c.id
      WHERE ${learnerCardWhere('c')}
      ORDER BY c.position, c.id`,
    { userId },
  );
  const cards = cardRows.map(
    (row): ExportCard => ({
      id: row.id,
      kind: row.kind,
      topic: row.topic,
      prompt: row.prompt,
      answer: row.answer,
      choices: parseChoices(row.choices),
      sourceFile: row.source_file,
      sourceLine: row.source_line,
      position: row.position,
      createdAt: row.created_at,
      // A state row that is neither scheduled nor suspended (a card introduced and undone) says
      // the same as no row: the card is new.
      state:
        row.repetitions === null || (row.due_day === null && row.suspended !== 1)
          ? null
          : {
              repetitions: row.repetitions,
              ease: row.easiness ?? 250,
              interval: row.interval_days ?? 0,
              dueDay: row.due_day,
              suspended: row.suspended === 1,
              lastAnsweredAt: row.last_answered_at,
            },
    }),
  );
  const history = db
    .all<ReviewRow>(
      `SELECT id, card_id, kind, quality, answered_at, day, duration_ms, reps_before, ease_before, interval_before,
              reps_after, ease_after, interval_after, due_after, undone_at, corrects_id
         FROM review_log WHERE user_id = ? ORDER BY answered_at, id`,
      [userId],
    )
    .map(
      (row): ExportReview => ({
        id: row.id,
        cardId: row.card_id,
        kind: row.kind,
        quality: row.quality,
        answeredAt: row.answered_at,
        day: row.day,
        durationMs: row.duration_ms,
        repsBefore: row.reps_before,
        easeBefore: row.ease_before,
        intervalBefore: row.interval_before,
        repsAfter: row.reps_after,
        easeAfter: row.ease_after,
        intervalAfter: row.interval_after,
        dueAfter: row.due_after,
        undoneAt: row.undone_at,
        correctsId: row.corrects_id,
      }),
    );
  return { cards, history, imported: listImportedCards(db, userId) };
}
