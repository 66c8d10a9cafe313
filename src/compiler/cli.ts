import { resolve } from 'node:path';
import { compileNotes } from './compile.js';
import { readNoteFolder } from './read-dir.js';
import { buildReport, formatReport } from './report.js';

/**
 * `npm run compile [dir]`: compiles the notes under dir (default `content`) and prints the
 * report. Exits 1 when any note has an error, so CI and editors can stop on it.
 */
async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? 'content');
  const { files, refused } = await readNoteFolder(dir);
  const started = performance.now();
  const result = compileNotes(files);
  // A file refused at reading (too big, binary, a link out of the folder) is a warning like any other.
  result.warnings.unshift(...refused);
  const elapsed = performance.now() - started;
  const report = buildReport(result, files.map((file) => file.path));
  console.log(formatReport(report, result));
  console.log(`\nCompiled ${files.length} notes from ${dir} in ${elapsed.toFixed(1)} ms.`);
  return result.errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
