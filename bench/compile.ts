import { fileURLToPath } from 'node:url';
import { compileNotes } from '../src/compiler/compile.js';
import { parseMarkdown } from '../src/compiler/markdown.js';
import { readNoteFiles } from '../src/compiler/read-dir.js';
import type { NoteFile } from '../src/compiler/types.js';

/**
 * `npm run bench:compile`: compile time of content/ (median of 20 runs) and of the same notes
 * ten times over, with the ratio between them (≈10 means compile time grows linearly), and the
 * bare Markdown parse of the same files so the compiler's own cost is visible (compile ÷ parse).
 */

const RUNS = 20;
const COPIES = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function time(run: () => void): number {
  for (let i = 0; i < 5; i++) run(); // warm-up, so JIT compilation does not land in the samples
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

// Ten copies of every note under their own folder, so each copy keeps its own front matter.
function multiply(files: NoteFile[], copies: number): NoteFile[] {
  return Array.from({ length: copies }, (_, copy) => files.map((f) => ({ path: `copy-${copy}/${f.path}`, text: f.text }))).flat();
}

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const files = await readNoteFiles(contentDir);
const big = multiply(files, COPIES);
const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
const cards = compileNotes(files).cards.length;

const parseOne = time(() => files.forEach((f) => parseMarkdown(f.text)));
const compileOne = time(() => compileNotes(files));
const compileBig = time(() => compileNotes(big));
const parseBig = time(() => big.forEach((f) => parseMarkdown(f.text)));

const ms = (value: number): string => `${value.toFixed(2)} ms`;
console.log(`content/: ${files.length} notes, ${(bytes / 1024).toFixed(1)} KiB, ${cards} cards`);
console.log(`  parse only       ${ms(parseOne)}`);
console.log(`  compile          ${ms(compileOne)}  (${Math.round(cards / (compileOne / 1000))} cards/s, compile ÷ parse ${(compileOne / parseOne).toFixed(2)})`);
console.log(`${COPIES}× content/: ${big.length} notes, ${((bytes * COPIES) / 1024).toFixed(1)} KiB`);
console.log(`  parse only       ${ms(parseBig)}`);
console.log(`  compile          ${ms(compileBig)}  (compile ÷ parse ${(compileBig / parseBig).toFixed(2)})`);
console.log(`ratio ${COPIES}× ÷ 1× compile time: ${(compileBig / compileOne).toFixed(2)} (${COPIES} = linear)`);
