import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { NoteFile } from './types.js';

/** Folders under the content dir that hold other data than notes. */
const SKIPPED_DIRS = new Set(['challenges', 'node_modules']);

/**
 * Reads every `*.md` note under `dir`, recursively, skipping `challenges/` (YAML challenges have
 * their own loader). Paths are relative with forward slashes and sorted, so card sources and the
 * compile order are the same on every machine. Synchronous reads on purpose: for hundreds of
 * small files they take a fraction of the time of as many promises (the start-up benchmark).
 */
export async function readNoteFiles(dir: string): Promise<NoteFile[]> {
  const paths: string[] = [];
  collect(dir, dir, paths);
  paths.sort();
  return paths.map((path) => ({ path, text: readFileSync(join(dir, ...path.split('/')), 'utf8') }));
}

function collect(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) collect(root, full, out);
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
}
