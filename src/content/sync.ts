import { compileNotes } from '../compiler/compile.js';
import { matchCardIdentities, stableCardId } from '../compiler/identity.js';
import { readNoteFiles } from '../compiler/read-dir.js';
import type { CompileError, NoteFile } from '../compiler/types.js';
import type { Database } from '../db/database.js';
import { storedCards, writeCards } from './store.js';

export interface SyncResult {
  cards: number;
  added: number;
  revived: number;
  retired: number;
  errors: CompileError[];
  /** Files whose errors kept their previous cards in place. */
  heldBack: string[];
}

/**
 * Compiles the notes and brings the cards table in line with them, in one transaction.
 *
 * A note file with errors is held back: its stored cards stay exactly as they were (neither
 * updated nor retired), so a half-edited file never costs the learner their history, and the
 * server keeps serving the last good version of it. Every other file is synced.
 */
export function syncNotes(db: Database, files: readonly NoteFile[], now: number): SyncResult {
  const compiled = compileNotes(files);
  const broken = new Set(compiled.errors.map((error) => error.file));
  const cards = compiled.cards.filter((card) => !broken.has(card.source.file));
  const previous = storedCards(db).filter((card) => !broken.has(card.sourceFile));
  const plan = matchCardIdentities(previous, cards, stableCardId);
  const written = writeCards(
    db,
    {
      assignments: plan.assignments,
      retiredIds: plan.retiredIds,
      // The rows just read for matching, so unchanged cards are compared in memory, not rewritten.
      stored: new Map(previous.map((card) => [card.id, card.row])),
    },
    now,
  );
  return {
    cards: written.upserted,
    added: plan.assignments.filter((a) => a.isNew).length,
    revived: plan.assignments.filter((a) => a.revived).length,
    retired: written.retired,
    errors: compiled.errors,
    heldBack: [...broken].sort(),
  };
}

/** Reads the content folder and syncs it. */
export async function syncContent(db: Database, dir: string, now: number): Promise<SyncResult> {
  return syncNotes(db, await readNoteFiles(dir), now);
}
