import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { NoteFile } from './types.js';

/** Folders under the content dir that hold other data than notes. */
const SKIPPED_DIRS = new Set(['challenges', 'node_modules']);

/**
 * Reads every `*.md` note under `dir`, recursively, skipping `challenges/` (YAML challenges have
 * their own loader). Paths are relative with forward slashes and sorted, so card sources and the
 * compile order are the same on every machine.
 */
export async function readNoteFiles(dir: string): Promise<NoteFile[]> {
  const paths: string[] = [];
  await collect(dir, dir, paths);
  paths.sort();
  return Promise.all(
    paths.map(async (path) => ({ path, text: await readFile(join(dir, ...path.split('/')), 'utf8') })),
  );
}

async function collect(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await collect(root, full, out);
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
}
