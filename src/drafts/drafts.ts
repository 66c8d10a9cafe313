import { topicInScope, type ClassScope } from '../classes/class-scope.js';
import type { Database } from '../db/database.js';
import { notFound } from '../errors/app-error.js';
import { parseStringList, readOverride, writeDecision, writeEdit, type CardOverride } from './card-overrides.js';

/**
 * Drafts and card fixes as a capability: the cards the compiler was unsure of, waiting for the
 * learner to accept, edit or reject; and any card's text as the learner corrected it. Every
 * change is the learner's own (card_overrides), never the notes' nor another learner's.
 */

/** A card as the drafts page and the edit form show it: the notes' text and the learner's. */
export interface EditableCard {
  id: string;
  kind: string;
  topic: string;
  sourceFile: string;
  sourceLine: number;
  confidence: number;
  draft: boolean;
  /** The notes' own text. */
  original: { prompt: string; answer: string; alternatives: string[] };
  /** What the learner sees: their edits over the notes' text. */
  prompt: string;
  answer: string;
  override: CardOverride;
}

interface CardRow {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  alternatives: string | null;
  source_file: string;
  source_line: number;
  confidence: number;
  draft: number;
}

const COLUMNS = 'c.id, c.kind, c.topic, c.prompt, c.answer, c.alternatives, c.source_file, c.source_line, c.confidence, c.draft';

function toEditable(row: CardRow, override: CardOverride): EditableCard {
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
    confidence: row.confidence,
    draft: row.draft === 1,
    original: { prompt: row.prompt, answer: row.answer, alternatives: parseStringList(row.alternatives) },
    prompt: override.prompt ?? row.prompt,
    answer: override.answer ?? row.answer,
    override,
  };
}

// A draft waits for the learner while it is live, undecided and never reviewed by them (a
// reviewed one is theirs already: see learner-cards.ts).
const PENDING_WHERE = `c.draft = 1 AND c.retired_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM card_overrides o WHERE o.user_id = @userId AND o.card_id = c.id AND o.decision IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM card_states s WHERE s.user_id = @userId AND s.card_id = c.id AND s.due_day IS NOT NULL)`;

/** The drafts waiting for this learner, in note order, within their class's topics. */
export function pendingDrafts(db: Database, userId: number, scope: Pick<ClassScope, 'topics'> | null): EditableCard[] {
  const rows = db.all<CardRow>(
    `SELECT ${COLUMNS} FROM cards c INDEXED BY cards_live_drafts WHERE ${PENDING_WHERE}
      ORDER BY c.source_file, c.source_line, c.position`,
    { userId },
  );
  return rows.filter((row) => inScope(scope, row.topic)).map((row) => toEditable(row, readOverride(db, userId, row.id)));
}

/** How many drafts wait for this learner (the home page's and the nav's figure). */
export function pendingDraftCount(db: Database, userId: number, scope: Pick<ClassScope, 'topics'> | null): number {
  if (!scope || scope.topics === 'all') {
    return db.first<{ n: number }>(`SELECT count(*) AS n FROM cards c INDEXED BY cards_live_drafts WHERE ${PENDING_WHERE}`, { userId })?.n ?? 0;
  }
  return pendingDrafts(db, userId, scope).length;
}

/** The live cards this learner rejected, so that a rejection can be taken back. */
export function rejectedCards(db: Database, userId: number): EditableCard[] {
  const rows = db.all<CardRow>(
    `SELECT ${COLUMNS} FROM card_overrides o JOIN cards c ON c.id = o.card_id
      WHERE o.user_id = @userId AND o.decision = 'rejected' AND c.retired_at IS NULL
      ORDER BY c.source_file, c.source_line, c.position`,
    { userId },
  );
  return rows.map((row) => toEditable(row, readOverride(db, userId, row.id)));
}

/** A live card with the learner's edits; 404 for a missing or retired one. */
export function editableCard(db: Database, userId: number, cardId: string): EditableCard {
  const row = db.first<CardRow>(`SELECT ${COLUMNS} FROM cards c WHERE c.id = ? AND c.retired_at IS NULL`, [cardId]);
  if (!row) throw notFound('That card does not exist, or was removed from the notes.');
  return toEditable(row, readOverride(db, userId, cardId));
}

/** Accepts a card (a draft into the learner's reviews). */
export function acceptCard(db: Database, userId: number, cardId: string, now: number): void {
  db.transaction(() => {
    editableCard(db, userId, cardId);
    writeDecision(db, userId, cardId, 'accepted', now);
  });
}

/** Rejects a card: it leaves this learner's reviews, quizzes and counts; nobody else's. */
export function rejectCard(db: Database, userId: number, cardId: string, now: number): void {
  db.transaction(() => {
    editableCard(db, userId, cardId);
    writeDecision(db, userId, cardId, 'rejected', now);
  });
}

/** Takes a decision back: a draft waits again, a confident card is back in reviews. */
export function clearDecision(db: Database, userId: number, cardId: string, now: number): void {
  db.transaction(() => {
    editableCard(db, userId, cardId);
    writeDecision(db, userId, cardId, null, now);
  });
}

/** Accepts every draft of one note file waiting for this learner; returns how many. */
export function acceptFile(db: Database, userId: number, file: string, scope: Pick<ClassScope, 'topics'> | null, now: number): number {
  return db.transaction(() => {
    const drafts = pendingDrafts(db, userId, scope).filter((draft) => draft.sourceFile === file);
    for (const draft of drafts) writeDecision(db, userId, draft.id, 'accepted', now);
    return drafts.length;
  });
}

/** What the edit form sends, already validated: the full text the learner wants to see. */
export interface EditInput {
  prompt: string;
  answer: string;
  acceptedAnswers: string[];
  /** Accept the card too (saving a draft's edit from the drafts page means "this one is good"). */
  accept: boolean;
}

/**
 * Saves the learner's text for a card. Text equal to the notes' is stored as "no edit", so a
 * later fix in the notes still reaches a learner who only touched another field.
 */
export function editCard(db: Database, userId: number, cardId: string, input: EditInput, now: number): void {
  db.transaction(() => {
    const card = editableCard(db, userId, cardId);
    const known = new Set([card.original.answer, ...card.original.alternatives]);
    writeEdit(
      db,
      userId,
      cardId,
      {
        prompt: input.prompt === card.original.prompt ? null : input.prompt,
        answer: input.answer === card.original.answer ? null : input.answer,
        acceptedAnswers: [...new Set(input.acceptedAnswers)].filter((answer) => !known.has(answer) && answer !== input.answer),
      },
      now,
    );
    if (input.accept) writeDecision(db, userId, cardId, 'accepted', now);
  });
}

/** Adds one answer to what the learner accepts for a card ("I was right, accept this"). */
export function acceptAnswer(db: Database, userId: number, cardId: string, answer: string, now: number): void {
  db.transaction(() => {
    const card = editableCard(db, userId, cardId);
    const accepted = card.override.acceptedAnswers;
    if (accepted.includes(answer) || answer === card.answer) return;
    writeEdit(db, userId, cardId, { prompt: card.override.prompt, answer: card.override.answer, acceptedAnswers: [...accepted, answer] }, now);
  });
}

/** Forgets the learner's edits of a card: it reads as the notes say again. */
export function revertEdit(db: Database, userId: number, cardId: string, now: number): void {
  db.transaction(() => {
    editableCard(db, userId, cardId);
    writeEdit(db, userId, cardId, { prompt: null, answer: null, acceptedAnswers: [] }, now);
  });
}

const inScope = (scope: Pick<ClassScope, 'topics'> | null, topic: string): boolean => topicInScope(scope, topic);
