import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { CompileError, NoteFile } from './types.js';

/** Folders under the content dir that hold other data than notes. */
const SKIPPED_DIRS = new Set(['challenges', 'node_modules']);

/** Notes are written by hand: anything bigger is a pasted dump or a mistake, and costs a compile. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;

/** The notes of a content folder: the files that can be compiled and the ones refused, located. */
export interface NoteFolder {
  files: NoteFile[];
  /** Located warnings for files that were not read (too big, binary, not UTF-8, a link outside). */
  refused: CompileError[];
}

/**
 * Reads every `*.md` note under `dir`, recursively, skipping `challenges/` (YAML challenges have
 * their own loader). Paths are relative with forward slashes and sorted, so card sources and the
 * compile order are the same on every machine. Synchronous reads on purpose: for hundreds of
 * small files they take a fraction of the time of as many promises (the start-up benchmark).
 *
 * A file that cannot be a note is refused with a located warning instead of being read (see
 * `readTextFile`); a symbolic link is followed only when its target lies inside `dir`.
 */
export async function readNoteFolder(dir: string): Promise<NoteFolder> {
  const root = realpathSync(dir);
  const found: { path: string; real: string }[] = [];
  const refused: CompileError[] = [];
  collect({ root, dir: root, base: '', ancestors: new Set([root]), found, refused });
  found.sort((a, b) => compareText(a.path, b.path));
  const files: NoteFile[] = [];
  for (const { path, real } of found) {
    const read = readTextFile(real, path);
    if ('text' in read) files.push({ path, text: read.text });
    else refused.push(read.refused);
  }
  refused.sort((a, b) => compareText(a.file, b.file));
  return { files, refused };
}

/** The readable notes under `dir` only (see `readNoteFolder` for the refused ones). */
export async function readNoteFiles(dir: string): Promise<NoteFile[]> {
  return (await readNoteFolder(dir)).files;
}

interface Walk {
  /** The content folder's real path: no link may lead outside it. */
  root: string;
  /** The real path of the folder being read. */
  dir: string;
  /** The same folder relative to the content folder, as the notes are named ('' at the top). */
  base: string;
  /** Real paths of the folders from the top down to this one: a link back to one is a loop. */
  ancestors: Set<string>;
  found: { path: string; real: string }[];
  refused: CompileError[];
}

function collect(walk: Walk): void {
  for (const entry of readdirSync(walk.dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = walk.base ? `${walk.base}/${entry.name}` : entry.name;
    const full = join(walk.dir, entry.name);
    const target = entry.isSymbolicLink() ? followLink(walk.root, full, path) : direct(entry, full);
    if ('refused' in target) {
      // Only links that would have been read are worth a word; a stray link to a PDF is not.
      if (entry.name.endsWith('.md') || target.isDirectory) walk.refused.push(target.refused);
      continue;
    }
    if (target.isDirectory) {
      if (walk.ancestors.has(target.real)) continue;
      collect({ ...walk, dir: target.real, base: path, ancestors: new Set([...walk.ancestors, target.real]) });
    } else if (target.isFile && entry.name.endsWith('.md')) {
      walk.found.push({ path, real: target.real });
    }
  }
}

/** What a directory entry is, or why it is refused (`isDirectory` says whether it would be walked). */
export type LinkTarget = { real: string; isDirectory: boolean; isFile: boolean } | { refused: CompileError; isDirectory: boolean };

function direct(entry: Dirent, full: string): LinkTarget {
  return { real: full, isDirectory: entry.isDirectory(), isFile: entry.isFile() };
}

/**
 * Where a symbolic link leads, when that is inside `root` (a real path). A link out of the
 * content folder would let a note or a challenge read any file the server can, so it is refused
 * with a located warning; the notes and the challenges share this one rule.
 */
export function followLink(root: string, full: string, shown: string): LinkTarget {
  let real: string;
  let stats: Stats;
  try {
    real = realpathSync(full);
    stats = statSync(real);
  } catch {
    return { refused: refusal(shown, 'is a symbolic link to nothing (its target does not exist); it is not read'), isDirectory: false };
  }
  if (!isInside(root, real)) {
    return {
      refused: refusal(shown, 'is a symbolic link to a place outside the content folder; only links within the folder are followed'),
      isDirectory: stats.isDirectory(),
    };
  }
  return { real, isDirectory: stats.isDirectory(), isFile: stats.isFile() };
}

/** Whether `path` is `root` or lies under it (both real paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads a hand-written text file (a note, a challenge), or says in one located line why not:
 * over `MAX_TEXT_FILE_BYTES`, binary (a NUL byte — also how UTF-16 looks), or not valid UTF-8.
 * The size is checked before reading, so a 4 GB file costs a `stat`, not the server's memory.
 * A UTF-8 byte order mark is dropped, as every editor does.
 */
export function readTextFile(real: string, shown: string): { text: string } | { refused: CompileError } {
  let bytes: Buffer;
  try {
    const size = statSync(real).size;
    if (size > MAX_TEXT_FILE_BYTES) {
      return { refused: refusal(shown, `is ${megabytes(size)}; files over ${megabytes(MAX_TEXT_FILE_BYTES)} are not read (split it into smaller files)`) };
    }
    bytes = readFileSync(real);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { refused: refusal(shown, `could not be read: ${reason}`) };
  }
  // Checked again after reading: the file may have grown between the stat and the read.
  if (bytes.length > MAX_TEXT_FILE_BYTES) {
    return { refused: refusal(shown, `is ${megabytes(bytes.length)}; files over ${megabytes(MAX_TEXT_FILE_BYTES)} are not read (split it into smaller files)`) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { refused: refusal(shown, 'is a binary file (it contains NUL bytes), not UTF-8 text; it is not read', lineAt(bytes, nul)) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { refused: refusal(shown, 'is not valid UTF-8 text; save it as UTF-8 to have it read', firstBadLine(bytes)) };
  }
}

function refusal(file: string, message: string, line = 1): CompileError {
  return { file, line, message };
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 || Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/** 1-based line of byte `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(10); at >= 0 && at < offset; at = bytes.indexOf(10, at + 1)) line++;
  return line;
}

// The lenient decoder marks each bad sequence with U+FFFD; a note that itself contains U+FFFD
// before the bad byte would be located too early, which is rare and still near the problem.
function firstBadLine(bytes: Buffer): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  if (at < 0) return 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
