import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNotes } from '../../src/compiler/compile.js';

// Pieces of the Markdown learners write, combined at random with arbitrary text.
const word = fc.constantFrom('docker', 'kubectl', 'etcd', 'Pod', 'is', 'a', 'the', 'runs', 'it', '-d', '::', '{{c1::', '}}', '**', '`', '-', ':', '?', 'This');
const phrase = fc.array(fc.oneof(word, fc.string({ maxLength: 8 })), { minLength: 0, maxLength: 10 }).map((w) => w.join(' '));
const block = fc.oneof(
  phrase.map((p) => `- ${p}`),
  phrase.map((p) => `    - ${p}`),
  phrase.map((p) => `\t- **${p}**`),
  phrase.map((p) => `## ${p}`),
  phrase.map((p) => `\`\`\`bash\n${p}\n\`\`\``),
  phrase.map((p) => `\`\`\`\n${p}`),
  phrase.map((p) => `- ${p} - \`docker run ${p}\``),
  phrase.map((p) => `---\ntopic: ${p}\n---`),
  phrase.map((p) => `| a | b |\n|---|---|\n| ${p} | x |`),
  phrase,
  fc.string({ maxLength: 40 }),
);
const note = fc.array(block, { maxLength: 12 }).map((blocks) => blocks.join('\n'));

describe('compiling random Markdown', () => {
  it('never throws and returns only well-formed cards and located errors', () => {
    fc.assert(
      fc.property(note, (text) => {
        const result = compileNotes([{ path: 'random.md', text }]);
        const lineCount = text.split('\n').length;
        for (const card of result.cards) {
          expect(card.prompt.trim().length).toBeGreaterThan(0);
          expect(card.answer.trim().length).toBeGreaterThan(0);
          expect(card.source.file).toBe('random.md');
          expect(card.source.line).toBeGreaterThanOrEqual(1);
          expect(card.source.line).toBeLessThanOrEqual(lineCount);
          if (card.kind === 'choice') {
            const choices = card.choices ?? [];
            expect(choices.length).toBeGreaterThanOrEqual(3);
            expect(choices.length).toBeLessThanOrEqual(4);
            expect(choices.filter((c) => c === card.answer)).toHaveLength(1);
            expect(choices.every((c) => c.trim().length > 0)).toBe(true);
            expect(new Set(choices.map((c) => c.toLowerCase())).size).toBe(choices.length);
          }
        }
        for (const error of result.errors) {
          expect(error.file).toBe('random.md');
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('compiles the same notes to the same cards every time', () => {
    fc.assert(
      fc.property(note, (text) => {
        expect(compileNotes([{ path: 'n.md', text }])).toEqual(compileNotes([{ path: 'n.md', text }]));
      }),
      { numRuns: 100 },
    );
  });
});
