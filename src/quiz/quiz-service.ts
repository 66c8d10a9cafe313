import { isUnderTopic } from '../content/card.js';
import type { Database } from '../db/database.js';
import { badRequest, conflict, notFound } from '../errors/app-error.js';
import { acceptAnswer } from '../drafts/drafts.js';
import { isLearnerCard } from '../drafts/learner-cards.js';
import { recordAnswer } from '../review/answer.js';
import { regradeAnswer } from '../review/regrade.js';
import type { Day } from '../scheduler/day.js';
import type { Quality } from '../scheduler/sm2.js';
import { gradeQuestion, type QuestionGrade } from './grade-question.js';
import { pickQuestions, type RandomSource } from './pick-questions.js';
import type { Quiz, QuizQuestion } from './quiz-question.js';
import { canReview, finishIfComplete, insertQuiz, loadQuiz, quizCandidates, quizTopics, saveAnswer, saveOverride } from './quiz-store.js';

/**
 * Quizzes as a capability: make one from topics and a size, answer its questions (each answer
 * also an SM-2 review of the card), and read it back. Errors name the form field they are about,
 * the way the route's zod parsing does, so the learner sees one style of message.
 */

export interface NewQuiz {
  userId: number;
  topics: string[];
  count: number;
  now: number;
  random: RandomSource;
}

/** Makes a quiz from the learner's quizzable cards in `topics` (topic or sub-topic paths); returns its id. */
export function createQuiz(db: Database, input: NewQuiz): number {
  const known = new Set(quizTopics(db, input.userId).map((topic) => topic.name));
  const unknown = input.topics.find((topic) => !known.has(topic));
  if (unknown !== undefined) throw badRequest(`topics: there is no topic called "${unknown}"`);
  const picked = new Set(input.topics);
  // A picked sub-topic brings its cards only; a picked topic, every card under it.
  const candidates = quizCandidates(db, input.userId).filter((candidate) => [...picked].some((path) => isUnderTopic(candidate.topic, path)));
  if (candidates.length === 0) throw badRequest('topics: none of these topics has questions that can be typed or picked');
  // Fewer cards than asked for makes a shorter quiz rather than an error: the learner asked for
  // "up to" a size, and the page says how many there are.
  const questions = pickQuestions(candidates, input.count, input.random);
  return insertQuiz(db, input.userId, [...picked], questions, input.now);
}

/** A learner's quiz; 404 when it does not exist or is someone else's. */
export function quizFor(db: Database, userId: number, quizId: number): Quiz {
  const quiz = loadQuiz(db, userId, quizId);
  if (!quiz) throw notFound('There is no such quiz.');
  return quiz;
}

/** A question of the quiz by its 1-based index; 400 naming the field when out of range. */
export function questionAt(quiz: Quiz, index: number): QuizQuestion {
  const question = quiz.questions[index - 1];
  if (!question) throw badRequest(`index: must be between 1 and ${quiz.questions.length}`);
  return question;
}

export interface QuizAnswer {
  userId: number;
  quizId: number;
  index: number;
  /** The typed text, or for a choice question the option's position (from 0) as text. */
  answer: string;
  now: number;
  today: Day;
  durationMs: number;
}

/**
 * Grades and stores one answer, and records it as an SM-2 review of the card (source 'quiz') in
 * the same transaction, so either both the quiz and the card's history change or neither does.
 * A second answer to the same question is refused with 409 and changes nothing.
 */
export function answerQuestion(db: Database, input: QuizAnswer): QuestionGrade {
  return db.transaction(() => {
    const quiz = quizFor(db, input.userId, input.quizId);
    const question = questionAt(quiz, input.index);
    if (question.given !== null) throw conflict('You have already answered this question.');
    const given = givenText(question, input.answer);
    const grade = gradeAnswer(question, given);
    const reviewLogId = canReview(db, input.userId, question.cardId)
      ? recordAnswer(db, {
          userId: input.userId,
          cardId: question.cardId,
          quality: grade.quality,
          now: input.now,
          today: input.today,
          durationMs: input.durationMs,
          source: 'quiz',
        }).logId
      : null;
    const saved = saveAnswer(db, {
      quizId: quiz.id,
      position: question.position,
      given,
      correct: grade.correct,
      quality: grade.quality,
      answeredAt: input.now,
      reviewLogId,
    });
    // Throwing here rolls the review back too: the other submit already counted this answer.
    if (!saved) throw conflict('You have already answered this question.');
    finishIfComplete(db, quiz.id, input.now);
    return grade;
  });
}

/**
 * Grades an answer against the question's answer and the other answers it accepts: the note's
 * alternatives and the learner's own, as of when the quiz was made.
 */
export function gradeAnswer(question: Pick<QuizQuestion, 'type' | 'answer' | 'prompt' | 'alternatives'>, given: string): QuestionGrade {
  return gradeQuestion({ type: question.type, answer: question.answer, prompt: question.prompt, alternatives: question.alternatives }, given);
}

export interface QuizOverride {
  userId: number;
  quizId: number;
  index: number;
  /** The grade the learner chose: Hard, Good or Easy. */
  quality: Extract<Quality, 3 | 4 | 5>;
  /** Also accept the typed answer for this card from now on. */
  acceptGiven: boolean;
  now: number;
}

/**
 * "I was right": a typed answer graded wrong counts as right with the grade the learner chose.
 * Its SM-2 review is redone with that grade (the wrong one stays in the log, marked undone, and
 * the new row points at it); the quiz question keeps what was typed and remembers the override.
 */
export function overrideQuestion(db: Database, input: QuizOverride): void {
  db.transaction(() => {
    const quiz = quizFor(db, input.userId, input.quizId);
    const question = questionAt(quiz, input.index);
    if (question.given === null) throw conflict('Answer this question first.');
    if (question.type === 'choice') throw conflict('A picked option cannot be overridden.');
    if (question.correct !== false || question.overriddenAt !== null) throw conflict('This answer already counts as right.');
    const logId = question.reviewLogId === null ? null : regradeAnswer(db, { userId: input.userId, logId: question.reviewLogId, quality: input.quality, now: input.now });
    if (!saveOverride(db, { quizId: quiz.id, position: question.position, quality: input.quality, reviewLogId: logId, now: input.now })) {
      throw conflict('This answer already counts as right.');
    }
    if (input.acceptGiven && isLearnerCard(db, input.userId, question.cardId)) acceptAnswer(db, input.userId, question.cardId, question.given, input.now);
  });
}

/** The score of a quiz and the questions answered wrongly, in order. */
export interface QuizScore {
  total: number;
  answered: number;
  correct: number;
  /** Whole percent of the questions answered. */
  percent: number;
  mistakes: QuizQuestion[];
}

/** Scores a quiz from its stored answers. */
export function scoreOf(quiz: Quiz): QuizScore {
  const answered = quiz.questions.filter((question) => question.given !== null);
  const correct = answered.filter((question) => question.correct === true).length;
  return {
    total: quiz.questions.length,
    answered: answered.length,
    correct,
    percent: answered.length === 0 ? 0 : Math.round((100 * correct) / answered.length),
    mistakes: answered.filter((question) => question.correct === false),
  };
}

// Radio buttons send the option's position, not its text: option text can be anything the notes
// say, and a position cannot be misread after a round trip through a form.
function givenText(question: QuizQuestion, answer: string): string {
  if (question.type !== 'choice') return answer;
  const index = /^\d{1,3}$/.test(answer) ? Number(answer) : -1;
  const option = question.choices?.[index];
  if (option === undefined) throw badRequest('answer: pick one of the options');
  return option;
}
