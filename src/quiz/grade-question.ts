import { commandsEquivalent } from '../commands/equivalence.js';
import { gradeWords, type DiffPart } from '../compiler/grade-words.js';
import type { Quality } from '../scheduler/sm2.js';
import type { QuestionType } from './quiz-question.js';

/** What a quiz tells the learner about one answer. */
export interface QuestionGrade {
  correct: boolean;
  /** Right only because one typo was forgiven. */
  typo: boolean;
  /** The SM-2 grade this answer counts as: 5 right, 4 right with a typo, 1 wrong. */
  quality: Quality;
  /** Typed words: what was typed against the answer. */
  diff: DiffPart[] | null;
  /** Commands: the differences in plain words ("missing flag --detach"). */
  differences: string[] | null;
}

/** What grading needs of a question. */
export interface GradedQuestion {
  type: QuestionType;
  answer: string;
  /**
   * What the learner was asked. Names and values of a command answer that it does not state
   * accept any value of their shape; without it every value must match (placeholders aside).
   */
  prompt?: string;
  /** Other accepted answers (from the note, or a learner's edit of the card). */
  alternatives?: string[];
}

/**
 * Grades one answer. `given` is the text the learner typed, or the option text they picked. Pure,
 * so the feedback page can recompute the diff from the stored answer instead of storing it.
 */
export function gradeQuestion(question: GradedQuestion, given: string): QuestionGrade {
  switch (question.type) {
    case 'choice': {
      // Options are shown as stored and sent back by position, so an exact match is right.
      const correct = given === question.answer;
      return { correct, typo: false, quality: correct ? 5 : 1, diff: null, differences: null };
    }
    case 'command': {
      const options = question.prompt === undefined ? {} : { prompt: question.prompt };
      // The note's own command is the one whose differences are shown when none matches.
      const comparison = [question.answer, ...(question.alternatives ?? [])]
        .map((answer) => commandsEquivalent(answer, given, options))
        .reduce((best, next) => (best.equal || !next.equal ? best : next));
      return {
        correct: comparison.equal,
        typo: false,
        quality: comparison.equal ? 5 : 1,
        diff: null,
        differences: comparison.differences,
      };
    }
    case 'words':
    case 'cloze': {
      const grade = gradeWords(question.answer, given, {
        ...(question.alternatives ? { alternatives: question.alternatives } : {}),
        ...(question.prompt === undefined ? {} : { prompt: question.prompt }),
      });
      const quality: Quality = !grade.correct ? 1 : grade.typo ? 4 : 5;
      return { correct: grade.correct, typo: grade.typo, quality, diff: grade.diff, differences: null };
    }
  }
}
