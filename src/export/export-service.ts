import type { Database } from '../db/database.js';
import type { Day } from '../scheduler/day.js';
import { cardsCsv, historyCsv } from './anki-csv.js';
import { guidForCard } from './anki-notes.js';
import { buildPackage } from './anki-package.js';
import { parseAnkiText } from './anki-text-import.js';
import { deleteImportedCards, listImportedCards, saveImportedNotes, type ImportedCard } from './imported-cards.js';
import { readLearnerExport } from './learner-export.js';

export type ImportOutcome =
  | { ok: true; added: number; updated: number; alreadyYours: number }
  | { ok: false; message: string };

/**
 * Taking cards along, for one learner at a time: every method takes the learner's id and reads
 * or writes only their rows. The routes pass the signed-in learner and nothing else, so no one
 * can ask for another learner's export.
 */
export class LearnerExports {
  constructor(private readonly db: Database) {}

  cardsCsv(userId: number): string {
    return cardsCsv(readLearnerExport(this.db, userId));
  }

  historyCsv(userId: number): string {
    return historyCsv(readLearnerExport(this.db, userId));
  }

  apkg(userId: number, at: { today: Day; now: number; timeZone: string; rolloverHour: number }): Uint8Array {
    return buildPackage({ data: readLearnerExport(this.db, userId), ...at });
  }

  imported(userId: number): ImportedCard[] {
    return listImportedCards(this.db, userId);
  }

  /** Removes every card the learner imported; returns how many. */
  removeImported(userId: number): number {
    return deleteImportedCards(this.db, userId);
  }

  /**
   * Imports an Anki text file as the learner's own cards, all or nothing. Notes whose GUID is
   * one of the learner's cards from the notes (a Deckhand export brought back) are left out:
   * that card is already theirs, with its schedule.
   */
  importText(userId: number, text: string, now: number): ImportOutcome {
    const parsed = parseAnkiText(text);
    if (!parsed.ok) return parsed;
    const own = new Set(readLearnerExport(this.db, userId).cards.map((card) => guidForCard(card.id)));
    const fresh = parsed.notes.filter((note) => !own.has(note.guid));
    const saved = saveImportedNotes(this.db, userId, fresh, now);
    return { ok: true, ...saved, alreadyYours: parsed.notes.length - fresh.length };
  }
}
