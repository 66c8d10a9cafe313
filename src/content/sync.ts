import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compileNotes } from '../compiler/compile.js';
import { matchCardIdentities, stableCardId } from '../compiler/identity.js';
import { readNoteFolder, type NoteFolder } from '../compiler/read-dir.js';
import type { CompiledCard, CompileError, CompileResult, NoteFile } from '../compiler/types.js';
import type { Database } from '../db/database.js';
import { compileInWorker, DEFAULT_COMPILE_BUDGET, type CompileBudget, type WorkerCompile } from './compile-worker.js';
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
  /** Located problems that cost no card, and files refused before compiling (binary, too big …). */
  warnings: CompileError[];
  /** Files whose errors (or refusal, or a compile that exceeded its budget) kept their previous cards in place. */
  heldBack: string[];
  /** Set when nothing could be compiled at all (the worker failed): every card was left as it was. */
  failure?: string;
}

/**
 * Compiles the notes and brings the cards table in line with them, in one transaction.
 *
 * A note file with errors is held back: its stored cards stay exactly as they were (neither
 * updated nor retired), so a half-edited file never costs the learner their history, and the
 * server keeps serving the last good version of it. Every other file is synced.
 */
export function syncNotes(db: Database, files: readonly NoteFile[], now: number): SyncResult {
  return syncCompiled(db, compileNotes(files), [], now);
}

/**
 * Brings the cards table in line with a finished compile (see `syncNotes`). `heldBack` names
 * files that were not compiled (refused when read, or stopped by the compile's budget): like a
 * file with errors, they keep their stored cards. Runs on the caller's thread, inside its
 * transaction; the compile itself may have run anywhere.
 */
export function syncCompiled(db: Database, compiled: CompileResult, heldBack: readonly CompileError[], now: number): SyncResult {
  const broken = new Set([...compiled.errors, ...heldBack].map((problem) => problem.file));
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
    warnings: compiled.warnings,
    heldBack: [...broken].sort(),
  };
}

const FINGERPRINT_KEY = 'content_fingerprint';
const WARNINGS_KEY = 'content_warnings';

const StoredWarnings = z.array(z.object({ file: z.string(), line: z.number(), message: z.string() }));

export interface SyncOptions {
  /** Time and memory for the compile worker; tests pass a tiny one. */
  budget?: CompileBudget;
}

/**
 * Reads the content folder and syncs it. When the notes and the compiler are byte for byte what
 * they were at the last sync without errors, the compile is skipped: a restart then costs a read
 * and a hash, not a compile of every note (the warnings of that sync are kept with its
 * fingerprint, so the content page still shows them). A sync with errors records no
 * fingerprint, so the errors are found (and shown) again on every load until they are fixed.
 *
 * The compile runs in a worker thread within `options.budget` (see `compile-worker.ts`), so the
 * server keeps answering meanwhile; only the transaction that writes the cards runs here. Files
 * refused when read (too big, binary, not UTF-8, a link out of the folder) and a note that
 * exhausts the budget are held back with a located message, and the other files are synced.
 */
export async function syncContent(db: Database, dir: string, now: number, options: SyncOptions = {}): Promise<SyncResult> {
  const folder = await readNoteFolder(dir);
  const fingerprint = folderFingerprint(folder);
  const setting = (key: string): string | undefined => db.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key])?.value;
  if (setting(FINGERPRINT_KEY) === fingerprint) {
    const cards = activeCards(db);
    const warnings = [...folder.refused, ...storedWarnings(setting(WARNINGS_KEY))];
    const heldBack = [...new Set(folder.refused.map((problem) => problem.file))].sort();
    return { unchanged: true, cards, added: 0, revived: 0, retired: 0, errors: [], warnings, heldBack };
  }
  const compile = await compileWithinBudget(folder.files, options.budget ?? DEFAULT_COMPILE_BUDGET);
  if ('failure' in compile) {
    const cards = activeCards(db);
    return { unchanged: false, cards, added: 0, revived: 0, retired: 0, errors: [], warnings: folder.refused, heldBack: [], failure: compile.failure };
  }
  const { compiled, stopped } = compile;
  return db.transaction(() => {
    const result = syncCompiled(db, { ...compiled, errors: [...stopped, ...compiled.errors] }, [...folder.refused, ...stopped], now);
    if (result.errors.length === 0) {
      saveSetting(db, FINGERPRINT_KEY, fingerprint);
      saveSetting(db, WARNINGS_KEY, JSON.stringify(compiled.warnings));
    } else {
      db.run('DELETE FROM settings WHERE key IN (?, ?)', [FINGERPRINT_KEY, WARNINGS_KEY]);
    }
    return { ...result, warnings: [...folder.refused, ...result.warnings] };
  });
}

// Written by this module; a value it cannot read only costs the list on the content page.
function storedWarnings(value: string | undefined): CompileError[] {
  try {
    const parsed = StoredWarnings.safeParse(JSON.parse(value ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function activeCards(db: Database): number {
  return db.first<{ n: number }>('SELECT count(*) AS n FROM cards WHERE retired_at IS NULL')?.n ?? 0;
}

function saveSetting(db: Database, key: string, value: string): void {
  db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

// A refused file is part of what was read: refusing a new one, or accepting a fixed one, is a change.
function folderFingerprint(folder: NoteFolder): string {
  const hash = createHash('sha256').update(contentFingerprint(folder.files));
  for (const problem of folder.refused) hash.update('\0').update(problem.file).update('\0').update(problem.message);
  return hash.digest('hex');
}

type BudgetedCompile = { compiled: CompileResult; stopped: CompileError[] } | { failure: string };

/**
 * Compiles in the worker. When the worker is stopped on a note (too slow, too much memory), that
 * note is held back with a located error and the others are compiled once more without it; a
 * second stop, or one that names no note, fails the whole compile and nothing is written.
 */
async function compileWithinBudget(files: readonly NoteFile[], budget: CompileBudget): Promise<BudgetedCompile> {
  if (files.length === 0) return { compiled: compileNotes([]), stopped: [] };
  const first = await compileInWorker(files, budget);
  if (first.ok) return { compiled: first.result, stopped: [] };
  const culprit = first.file;
  if (culprit === undefined) return { failure: failureMessage(first) };
  const stopped: CompileError[] = [{ file: culprit, line: 1, message: `${first.message}; this note keeps its previous cards (is it unusually large or deeply nested?)` }];
  const rest = files.filter((file) => file.path !== culprit);
  if (rest.length === 0) return { compiled: compileNotes([]), stopped };
  const second = await compileInWorker(rest, budget);
  return second.ok ? { compiled: second.result, stopped } : { failure: failureMessage(second) };
}

function failureMessage(outcome: Extract<WorkerCompile, { ok: false }>): string {
  const where = outcome.file ? ` (while on ${outcome.file})` : '';
  return `The notes could not be compiled: ${outcome.message}${where}. Every card was kept as it was.`;
}
