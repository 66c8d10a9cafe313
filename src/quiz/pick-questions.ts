import { shuffle } from '../compiler/seeded-random.js';
import type { QuestionType, QuizCandidate } from './quiz-question.js';

/**
 * Choosing a quiz's questions. Pure: candidates and a random source in, the ordered questions
 * out; the caller stores the result, so the randomness happens once per quiz.
 */

/** A question chosen for a new quiz, with its options already shuffled. */
export interface PickedQuestion {
  cardId: string;
  type: QuestionType;
  prompt: string;
  answer: string;
  choices: string[] | null;
  alternatives: string[];
}

/** A source of floats in [0, 1); Math.random in the server, a seeded one in tests. */
export type RandomSource = () => number;

/**
 * Picks up to `count` questions. Types are drawn in turn (one choice, one typed command, one
 * cloze, …) so that a deck heavy in one kind still gives a mixed quiz; within a type the cards
 * are random. The picked questions are then shuffled so the turns do not show.
 */
export function pickQuestions(candidates: readonly QuizCandidate[], count: number, random: RandomSource): PickedQuestion[] {
  const groups = new Map<QuestionType, QuizCandidate[]>();
  for (const candidate of shuffle(candidates, random)) {
    const group = groups.get(candidate.type);
    if (group) group.push(candidate);
    else groups.set(candidate.type, [candidate]);
  }
  const picked: QuizCandidate[] = [];
  const turns = shuffle([...groups.values()], random);
  while (picked.length < count && turns.some((group) => group.length > 0)) {
    for (const group of turns) {
      const next = group.pop();
      if (next && picked.length < count) picked.push(next);
    }
  }
  return shuffle(picked, random).map((candidate) => ({
    cardId: candidate.cardId,
    type: candidate.type,
    prompt: candidate.prompt,
    answer: candidate.answer,
    alternatives: candidate.alternatives ?? [],
    // The compiler orders options by a seed of the card, the same every time; a quiz reshuffles
    // so a learner cannot learn "the second one" instead of the answer.
    choices: candidate.choices ? shuffle(candidate.choices, random) : null,
  }));
}
