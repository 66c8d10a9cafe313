import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { gradeQuestion } from '../../src/quiz/grade-question.js';

// One table of answers a learner might type, right ones and wrong ones, for every typed mode.
const Group = z.object({
  type: z.enum(['command', 'words', 'cloze']),
  prompt: z.string().optional(),
  answer: z.string(),
  alternatives: z.array(z.string()).optional(),
  right: z.array(z.string()).default([]),
  wrong: z.array(z.string()).default([]),
});

const groups = z
  .array(Group)
  .parse(parse(readFileSync(new URL('../fixtures/answer-pairs.yaml', import.meta.url), 'utf8')));

interface Pair {
  question: z.infer<typeof Group>;
  given: string;
  correct: boolean;
}

const pairs: Pair[] = groups.flatMap((question) => [
  ...question.right.map((given) => ({ question, given, correct: true })),
  ...question.wrong.map((given) => ({ question, given, correct: false })),
]);

const label = (pair: Pair): string =>
  `${pair.question.type} ${JSON.stringify(pair.question.answer)}${pair.question.prompt ? ` for "${pair.question.prompt}"` : ' (no prompt)'}`;

describe('the answer-pair table', () => {
  it('holds at least 150 pairs, right and wrong, in every typed mode', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    for (const type of ['command', 'words', 'cloze'] as const) {
      expect(pairs.some((pair) => pair.question.type === type && pair.correct)).toBe(true);
      expect(pairs.some((pair) => pair.question.type === type && !pair.correct)).toBe(true);
    }
  });

  it.each(pairs.filter((pair) => pair.correct).map((pair) => [label(pair), pair.given, pair] as const))(
    '%s accepts %s',
    (_, given, pair) => {
      const grade = gradeQuestion(pair.question, given);
      expect(grade.correct, JSON.stringify(grade.differences ?? grade.diff)).toBe(true);
    },
  );

  it.each(pairs.filter((pair) => !pair.correct).map((pair) => [label(pair), pair.given, pair] as const))(
    '%s refuses %s',
    (_, given, pair) => {
      expect(gradeQuestion(pair.question, given).correct).toBe(false);
    },
  );
});
