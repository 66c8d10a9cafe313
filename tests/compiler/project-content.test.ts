import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileNotes } from '../../src/compiler/compile.js';
import { readNoteFiles } from '../../src/compiler/read-dir.js';
import { buildReport } from '../../src/compiler/report.js';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));

describe("the project's own content", () => {
  it('compiles with zero errors into more than a hundred cards', async () => {
    const files = await readNoteFiles(contentDir);
    const result = compileNotes(files);
    expect(result.errors).toEqual([]);
    expect(result.cards.length).toBeGreaterThan(100);
  });

  it('has every card kind, no suspicious card and no note without cards', async () => {
    const files = await readNoteFiles(contentDir);
    const result = compileNotes(files);
    const report = buildReport(result, files.map((f) => f.path));
    expect(Object.values(report.byKind).every((count) => count > 0)).toBe(true);
    expect(report.suspicious.map((s) => `${s.card.source.file}:${s.card.source.line} ${s.reason}`)).toEqual([]);
    expect(report.emptyFiles).toEqual([]);
  });

  it('reads notes recursively, sorted, without the challenges folder', async () => {
    const files = await readNoteFiles(contentDir);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths.some((p) => p.startsWith('challenges/'))).toBe(false);
    expect(paths.every((p) => p.endsWith('.md'))).toBe(true);
  });
});
