import { z } from 'zod';
import type { Database } from '../db/database.js';

/**
 * The card_overrides table: each learner's decision on a card and their edits of its text, keyed
 * by (learner, card id). Card ids survive rewording and moves (src/compiler/identity.ts), so
 * what a learner decided or wrote outlives recompiles, and nothing is ever written into the notes.
 * Rows become objects here and nowhere else.
 */

export type Decision = 'accepted' | 'rejected';

/** A learner's say over one card. Null text fields mean "as the notes say". */
export interface CardOverride {
  decision: Decision | null;
  prompt: string | null;
  answer: string | null;
  /** Answers the learner accepts besides the card's own (and the note's alternatives). */
  acceptedAnswers: string[];
  decidedAt: number | null;
  editedAt: number | null;
}

/** The learner's edits of a card's text, as the edit form saves them. */
export interface CardEdit {
  prompt: string | null;
  answer: string | null;
  acceptedAnswers: string[];
}

interface Row {
  decision: string | null;
  prompt: string | null;
  answer: string | null;
  accepted_answers: string | null;
  decided_at: number | null;
  edited_at: number | null;
}

const DecisionColumn = z.enum(['accepted', 'rejected']).nullable();
const StringList = z.array(z.string());

/**
 * A JSON list column read through zod: the column is an edge like any other. A value that is not
 * a list of strings reads as "no list" rather than failing the page.
 */
export function parseStringList(json: string | null): string[] {
  if (json === null) return [];
  try {
    const parsed = StringList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const NO_OVERRIDE: CardOverride = Object.freeze({
  decision: null,
  prompt: null,
  answer: null,
  acceptedAnswers: [],
  decidedAt: null,
  editedAt: null,
});

/** The learner's override of a card; a card they never touched has the empty one. */
export function readOverride(db: Database, userId: number, cardId: string): CardOverride {
  const row = db.first<Row>(
    'SELECT decision, prompt, answer, accepted_answers, decided_at, edited_at FROM card_overrides WHERE user_id = ? AND card_id = ?',
    [userId, cardId],
  );
  if (!row) return NO_OVERRIDE;
  const decision = DecisionColumn.safeParse(row.decision);
  return {
    decision: decision.success ? decision.data : null,
    prompt: row.prompt,
    answer: row.answer,
    acceptedAnswers: parseStringList(row.accepted_answers),
    decidedAt: row.decided_at,
    editedAt: row.edited_at,
  };
}

/** The learner's accepted answers for many cards at once, by card id (cards without any absent). */
export function acceptedAnswersByCard(db: Database, userId: number, cardIds: readonly string[]): Map<string, string[]> {
  const rows = db.all<{ card_id: string; accepted_answers: string | null }>(
    `SELECT card_id, accepted_answers FROM card_overrides
      WHERE user_id = ? AND accepted_answers IS NOT NULL AND card_id IN (SELECT value FROM json_each(?))`,
    [userId, JSON.stringify(cardIds)],
  );
  return new Map(rows.map((row) => [row.card_id, parseStringList(row.accepted_answers)]));
}

/** Sets (or with null clears) the learner's decision on a card. */
export function writeDecision(db: Database, userId: number, cardId: string, decision: Decision | null, now: number): void {
  db.run(
    `INSERT INTO card_overrides (user_id, card_id, decision, decided_at) VALUES (@userId, @cardId, @decision, @now)
     ON CONFLICT (user_id, card_id) DO UPDATE SET decision = @decision, decided_at = @now`,
    { userId, cardId, decision, now },
  );
  dropIfEmpty(db, userId, cardId);
}

/** Stores the learner's edits of a card's text (null fields: as the notes say). */
export function writeEdit(db: Database, userId: number, cardId: string, edit: CardEdit, now: number): void {
  const accepted = edit.acceptedAnswers.length > 0 ? JSON.stringify(edit.acceptedAnswers) : null;
  db.run(
    `INSERT INTO card_overrides (user_id, card_id, prompt, answer, accepted_answers, edited_at)
     VALUES (@userId, @cardId, @prompt, @answer, @accepted, @now)
     ON CONFLICT (user_id, card_id) DO UPDATE SET prompt = @prompt, answer = @answer, accepted_answers = @accepted, edited_at = @now`,
    { userId, cardId, prompt: edit.prompt, answer: edit.answer, accepted, now },
  );
  dropIfEmpty(db, userId, cardId);
}

// A row with neither a decision nor an edit says nothing; removing it keeps "no row" the only
// way of saying "as the notes say".
function dropIfEmpty(db: Database, userId: number, cardId: string): void {
  db.run(
    `DELETE FROM card_overrides WHERE user_id = ? AND card_id = ? AND decision IS NULL
        AND prompt IS NULL AND answer IS NULL AND accepted_answers IS NULL`,
    [userId, cardId],
  );
}
