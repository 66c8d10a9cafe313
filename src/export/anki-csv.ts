import { ankiNotes, guidForCard } from './anki-notes.js';
import { easeOfQuality } from './anki-schedule.js';
import type { LearnerExport } from './learner-export.js';

/**
 * Anki's text import format ("Notes in Plain Text"): header lines that say how to read the file,
 * then one note per line. Tab-separated, as Anki's own export is: Deckhand's answers are full of
 * commas and almost never hold a tab.
 *
 * Unlike the class dashboard's CSV, no cell gets the spreadsheet-formula apostrophe: this file is
 * for Anki, where `-p 8080:80` must stay `-p 8080:80`.
 */

/** Anki's own note type "Basic" (Front, Back) is in every collection, so the import needs no set-up. */
export const CSV_NOTETYPE = 'Basic';

/** A cell with a tab, a line break or a quote is quoted, inner quotes doubled (Anki reads CSV quoting). */
export function tsvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly (string | number | null)[]) => cells.map(tsvCell).join('\t');

/** The learner's cards (their edits applied) and imported cards as one Anki text import file. */
export function cardsCsv(data: LearnerExport): string {
  const header = [
    '#separator:tab',
    '#html:false',
    '#columns:GUID\tNotetype\tDeck\tFront\tBack\tTags',
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    '#tags column:6',
  ];
  const rows = ankiNotes(data).map((note) => line([note.guid, CSV_NOTETYPE, note.deck, note.front, note.back, note.tags.join(' ')]));
  return [...header, ...rows].join('\n') + '\n';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ef = (hundredths: number) => (hundredths / 100).toFixed(2);

/**
 * Every answer the learner gave, undone ones included and marked (a plain CSV with a header row,
 * for a spreadsheet or a script; Anki has no text import for review history — the .apkg has it).
 */
export function historyCsv(data: LearnerExport): string {
  const header = [
    'guid', 'card_id', 'answered_at', 'day', 'kind', 'quality', 'anki_ease', 'duration_ms',
    'reps_before', 'ef_before', 'interval_before', 'reps_after', 'ef_after', 'interval_after', 'due_after',
    'undone_at', 'corrects_id', 'log_id',
  ];
  const rows = data.history.map((review) =>
    [
      guidForCard(review.cardId),
      review.cardId,
      iso(review.answeredAt),
      review.day,
      review.kind,
      review.quality,
      easeOfQuality(review.quality),
      review.durationMs,
      review.repsBefore,
      ef(review.easeBefore),
      review.intervalBefore,
      review.repsAfter,
      ef(review.easeAfter),
      review.intervalAfter,
      review.dueAfter,
      iso(review.undoneAt),
      review.correctsId,
      review.id,
    ]
      .map((cell) => {
        const text = cell === null ? '' : String(cell);
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
