import { compileNotes } from '../compiler/compile.js';
import { matchCardIdentities, stableCardId } from '../compiler/identity.js';
import { readNoteFiles } from '../compiler/read-dir.js';
import type { CompiledCard, CompileError, NoteFile } from '../compiler/types.js';
import type { Database } from '../db/database.js';
import { contentFingerprint } from './fingerprint.js';
import { storedCards, writeCards } from './store.js';

/**
 * The order new cards are introduced in: note order (file, then line), whatever order the
 * compiler's rules found them in — except that multiple-choice cards come after the rest of their
 * file. A choice card often asks the same fact as the basic card of the same line; kept apart,
 * the two siblings rarely meet on one day (Anki buries siblings for the same reason).
 */
function introductionOrder(a: CompiledCard, b: CompiledCard): number {
  if (a.source.file !== b.source.file) return a.source.file < b.source.file ? -1 : 1;
  const choice = Number(a.kind === 'choice') - Number(b.kind === 'choice');
  return choice !== 0 ? choice : a.source.line - b.source.line;
}

export interface SyncResult {
  /** True when the notes and the compiler were exactly as at the last clean sync: nothing ran. */
  unchanged: boolean;
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
  const cards = compiled.cards.filter((card) => !broken.has(card.source.file)).sort(introductionOrder);
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
    unchanged: false,
    cards: written.upserted,
    added: plan.assignments.filter((a) => a.isNew).length,
    revived: plan.assignments.filter((a) => a.revived).length,
    retired: written.retired,
    errors: compiled.errors,
    heldBack: [...broken].sort(),
  };
}

const FINGERPRINT_KEY = 'content_fingerprint';

/**
 * Reads the content folder and syncs it. When the notes and the compiler are byte for byte what
 * they were at the last sync without errors, the compile is skipped: a restart then costs a read
 * and a hash, not a compile of every note. A sync with errors records no fingerprint, so the
 * errors are found (and shown) again on every load until they are fixed.
 */
export async function syncContent(db: Database, dir: string, now: number): Promise<SyncResult> {
  const files = await readNoteFiles(dir);
  const fingerprint = contentFingerprint(files);
  const stored = db.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [FINGERPRINT_KEY])?.value;
  if (stored === fingerprint) {
    const cards = db.first<{ n: number }>('SELECT count(*) AS n FROM cards WHERE retired_at IS NULL')?.n ?? 0;
    return { unchanged: true, cards, added: 0, revived: 0, retired: 0, errors: [], heldBack: [] };
  }
  return db.transaction(() => {
    const result = syncNotes(db, files, now);
    if (result.errors.length === 0) {
      db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [FINGERPRINT_KEY, fingerprint]);
    } else {
      db.run('DELETE FROM settings WHERE key = ?', [FINGERPRINT_KEY]);
    }
    return result;
  });
}
