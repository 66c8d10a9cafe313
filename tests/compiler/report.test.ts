import { describe, expect, it } from 'vitest';
import { buildReport, findSuspicious, formatReport } from '../../src/compiler/report.js';
import type { CompiledCard, CompileResult } from '../../src/compiler/types.js';

function card(prompt: string, answer: string, kind: CompiledCard['kind'] = 'basic'): CompiledCard {
  return { kind, topic: ['Docker', 'Images'], prompt, answer, answerMode: 'reveal', source: { file: 'a.md', line: 3 }, confidence: 0.9 };
}

describe('compile report', () => {
  it('counts cards per kind and per topic and names notes without cards', () => {
    const result: CompileResult = { cards: [card('What is a tag?', 'a label for one image version'), card('___ is a registry', 'Hub', 'cloze')], errors: [], warnings: [], barren: [] };
    const report = buildReport(result, ['a.md', 'empty.md']);
    expect(report.byKind).toEqual({ basic: 1, cloze: 1, command: 0, choice: 0 });
    expect(report.byTopic).toEqual([{ topic: 'Docker › Images', count: 2 }]);
    expect(report.emptyFiles).toEqual(['empty.md']);
  });

  it('flags an answer equal to the question, an answer cut mid-sentence and a long prompt', () => {
    const reasons = findSuspicious([
      card('What is etcd?', 'what is etcd'),
      card('What is a Pod?', 'a group of containers that share the'),
      card(`Which ${'very '.repeat(50)}long question?`, 'this one'),
    ]).map((s) => s.reason);
    expect(reasons).toEqual(['answer equals question', 'answer seems cut mid-sentence', 'prompt is 270 characters long']);
  });

  it('prints errors as file:line: message', () => {
    const result: CompileResult = { cards: [], errors: [{ file: 'k8s/pods.md', line: 12, message: 'code block is never closed' }], warnings: [], barren: [] };
    const text = formatReport(buildReport(result, ['k8s/pods.md']), result);
    expect(text).toContain('\nk8s/pods.md:12: code block is never closed');
    expect(text.startsWith('0 cards (basic 0, cloze 0, command 0, choice 0)')).toBe(true);
  });
});
