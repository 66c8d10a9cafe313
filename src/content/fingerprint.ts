import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NoteFile } from '../compiler/types.js';

// The compiler makes the cards and this folder stores them; a change to either may change the
// result for the same notes.
const SOURCE_DIRS = [fileURLToPath(new URL('../compiler/', import.meta.url)), fileURLToPath(new URL('./', import.meta.url))];

let compilerHash: string | undefined;

/**
 * A hash of the compiler's and the sync's own source: a new version may turn the same notes into
 * other cards, so it must invalidate the "nothing changed" shortcut as surely as an edited note.
 */
function compilerSourceHash(): string {
  if (compilerHash === undefined) {
    const hash = createHash('sha256');
    for (const dir of SOURCE_DIRS) {
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).sort();
      for (const name of files) hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
    }
    compilerHash = hash.digest('hex');
  }
  return compilerHash;
}

/** One hash for the notes as they are (paths and text) and the compiler that reads them. */
export function contentFingerprint(files: readonly NoteFile[]): string {
  const hash = createHash('sha256').update(compilerSourceHash());
  for (const file of files) hash.update('\0').update(file.path).update('\0').update(file.text);
  return hash.digest('hex');
}
