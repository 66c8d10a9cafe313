/**
 * The shapes a quiz works with. A quiz question is a snapshot of a card taken when the quiz is
 * made (prompt, answer, options in their shuffled order), so grading and the result page never
 * depend on the card being unchanged since.
 */

/** How a question is asked and graded. */
export const QUESTION_TYPES = ['choice', 'command', 'words', 'cloze'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A card that can be asked in a quiz: not retired, not suspended, answer not self-graded. */
export interface QuizCandidate {
  cardId: string;
  type: QuestionType;
  /** The card's whole topic path; a learner picks it or any path above it. */
  topic: string;
  prompt: string;
  answer: string;
  /** The card's options, for 'choice' questions (the answer among them). */
  choices: string[] | null;
  /** Other answers accepted when typed: the note's alternatives and the learner's own. */
  alternatives?: string[];
}

/** One question of a stored quiz, answered or not. */
export interface QuizQuestion {
  position: number;
  cardId: string;
  type: QuestionType;
  prompt: string;
  answer: string;
  /** Options in the order shown, for 'choice' questions. */
  choices: string[] | null;
  /** Other answers accepted when typed, as of when the quiz was made. */
  alternatives: string[];
  /** Null until answered. */
  given: string | null;
  correct: boolean | null;
  quality: number | null;
  /** When the learner said "I was right" about an answer graded wrong. */
  overriddenAt: number | null;
  /** The SM-2 review this answer counted as, if it could be one. */
  reviewLogId: number | null;
}

/** A stored quiz with its questions in order. */
export interface Quiz {
  id: number;
  userId: number;
  topics: string[];
  createdAt: number;
  finishedAt: number | null;
  questions: QuizQuestion[];
}

/**
 * The question type of a card, or undefined when the card cannot be asked in a quiz. The answer
 * mode decides (it says how an answer can be typed); cloze is told apart from other typed words
 * only so the quiz can offer a mix.
 */
export function questionTypeOf(card: { kind: string; answerMode: string; choices: string[] | null; answer: string }): QuestionType | undefined {
  switch (card.answerMode) {
    case 'choice':
      // A choice card whose options lost the answer (or have one option) cannot be graded.
      return card.choices && card.choices.length >= 2 && card.choices.includes(card.answer) ? 'choice' : undefined;
    case 'command':
      return 'command';
    case 'words':
      return card.kind === 'cloze' ? 'cloze' : 'words';
    default:
      return undefined;
  }
}

/** The first question not yet answered, if any. */
export function nextUnanswered(quiz: Quiz): QuizQuestion | undefined {
  return quiz.questions.find((question) => question.given === null);
}
