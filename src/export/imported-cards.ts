import type { Database } from '../db/database.js';

/**
 * The imported_cards table: the cards a learner brought in from an Anki text file. Only that
 * learner reads them; rows become objects here and nowhere else.
 */
export interface ImportedCard {
  guid: string;
  front: string;
  back: string;
  /** Anki deck path ('A::B'), or null when the file named none. */
  deck: string | null;
  tags: string[];
  position: number;
  importedAt: number;
}

/** One note of an import, before it is stored. */
export interface ImportedNote {
  guid: string;
  front: string;
  back: string;
  deck: string | null;
  tags: string[];
}

interface Row {
  guid: string;
  front: string;
  back: string;
  deck: string | null;
  tags: string;
  position: number;
  imported_at: number;
}

/** The learner's imported cards, in the order they were imported. */
export function listImportedCards(db: Database, userId: number): ImportedCard[] {
  return db
    .all<Row>('SELECT guid, front, back, deck, tags, position, imported_at FROM imported_cards WHERE user_id = ? ORDER BY position, guid', [userId])
    .map((row) => ({
      guid: row.guid,
      front: row.front,
      back: row.back,
      deck: row.deck,
      tags: row.tags === '' ? [] : row.tags.split(' '),
      position: row.position,
      importedAt: row.imported_at,
    }));
}

export interface ImportResult {
  added: number;
  updated: number;
}

/**
 * Stores the notes as the learner's own, all or nothing. A guid already imported is updated in
 * place, as Anki's "update existing notes" does, so importing the same file twice adds nothing.
 * New notes go after the ones already there.
 */
export function saveImportedNotes(db: Database, userId: number, notes: readonly ImportedNote[], now: number): ImportResult {
  return db.transaction(() => {
    let added = 0;
    let updated = 0;
    let next = (db.first<{ n: number | null }>('SELECT max(position) AS n FROM imported_cards WHERE user_id = ?', [userId])?.n ?? 0) + 1;
    for (const note of notes) {
      const values = { userId, guid: note.guid, front: note.front, back: note.back, deck: note.deck, tags: note.tags.join(' '), now };
      const changed = db.run(
        `UPDATE imported_cards SET front = @front, back = @back, deck = @deck, tags = @tags, imported_at = @now
          WHERE user_id = @userId AND guid = @guid`,
        values,
      ).changes;
      if (changed > 0) {
        updated++;
        continue;
      }
      db.run(
        `INSERT INTO imported_cards (user_id, guid, front, back, deck, tags, position, imported_at)
         VALUES (@userId, @guid, @front, @back, @deck, @tags, @position, @now)`,
        { ...values, position: next++ },
      );
      added++;
    }
    return { added, updated };
  });
}

/** Removes every card the learner imported (their notes' cards are untouched). */
export function deleteImportedCards(db: Database, userId: number): number {
  return db.run('DELETE FROM imported_cards WHERE user_id = ?', [userId]).changes;
}
