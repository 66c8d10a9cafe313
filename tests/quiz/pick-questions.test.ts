import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/compiler/seeded-random.js';
import { pickQuestions } from '../../src/quiz/pick-questions.js';
import type { QuestionType, QuizCandidate } from '../../src/quiz/quiz-question.js';

function candidates(type: QuestionType, count: number): QuizCandidate[] {
  return Array.from({ length: count }, (_, i) => ({
    cardId: `${type}${i}`,
    type,
    topic: 'Docker',
    prompt: `${type} ${i}?`,
    answer: `a${i}`,
    choices: type === 'choice' ? [`a${i}`, 'x', 'y', 'z'] : null,
  }));
}

describe('picking quiz questions', () => {
  it('mixes the types even when one kind dominates the deck', () => {
    const deck = [...candidates('words', 40), ...candidates('choice', 3), ...candidates('command', 3), ...candidates('cloze', 3)];
    const picked = pickQuestions(deck, 8, seededRandom('mix'));
    const types = new Set(picked.map((q) => q.type));
    expect(picked).toHaveLength(8);
    expect(types).toEqual(new Set(['words', 'choice', 'command', 'cloze']));
  });

  it('never asks a card twice and stops at what there is', () => {
    const deck = [...candidates('words', 3), ...candidates('command', 2)];
    const picked = pickQuestions(deck, 10, seededRandom('short'));
    expect(picked).toHaveLength(5);
    expect(new Set(picked.map((q) => q.cardId)).size).toBe(5);
  });

  it('shuffles the options of a choice question without losing or adding any', () => {
    const picked = pickQuestions(candidates('choice', 1), 5, seededRandom('options'));
    expect([...(picked[0]?.choices ?? [])].sort()).toEqual(['a0', 'x', 'y', 'z']);
  });

  it('gives the same quiz for the same random source', () => {
    const deck = [...candidates('words', 10), ...candidates('choice', 10)];
    expect(pickQuestions(deck, 6, seededRandom('same'))).toEqual(pickQuestions(deck, 6, seededRandom('same')));
  });
});
