import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, conflict } from '../../errors/app-error.js';
import { nextUnanswered, type Quiz } from '../../quiz/quiz-question.js';
import { answerQuestion, createQuiz, gradeAnswer, overrideQuestion, questionAt, quizFor, scoreOf } from '../../quiz/quiz-service.js';
import { quizTopics, recentQuizzes } from '../../quiz/quiz-store.js';
import type { AppDeps } from '../app-deps.js';
import { todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { answerDuration } from '../fields.js';
import { parseInput } from '../validate.js';

export const MIN_QUESTIONS = 5;
export const MAX_QUESTIONS = 50;
const DEFAULT_QUESTIONS = 10;
const COUNT_MESSAGE = `must be between ${MIN_QUESTIONS} and ${MAX_QUESTIONS}`;

// One checked box arrives as a string, several as an array.
const toList = (value: unknown) => (typeof value === 'string' ? [value] : value);
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

const CreateBody = z.object({
  topics: z.preprocess(
    toList,
    z
      .array(z.string().max(200, { error: 'must be at most 200 characters each' }), { error: 'pick at least one topic' })
      .min(1, { error: 'pick at least one topic' })
      .max(200, { error: 'too many topics' }),
  ),
  count: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(MIN_QUESTIONS, { error: COUNT_MESSAGE })
      .max(MAX_QUESTIONS, { error: COUNT_MESSAGE })
      .default(DEFAULT_QUESTIONS),
  ),
});

const quizId = z.coerce.number({ error: 'must be a quiz number' }).int({ error: 'must be a quiz number' }).positive({ error: 'must be a quiz number' }).max(Number.MAX_SAFE_INTEGER, { error: 'must be a quiz number' });
const QuizParams = z.object({ id: quizId });
const QuestionParams = z.object({
  id: quizId,
  index: z.coerce.number({ error: 'must be a question number' }).int({ error: 'must be a question number' }).min(1, { error: 'must be a question number' }).max(1000, { error: 'must be a question number' }),
});

const AnswerBody = z.object({
  answer: z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(500, { error: 'must be at most 500 characters' }),
  shownAt: z.coerce.number().int().nonnegative().optional(),
});

// "I was right": the grade the learner then chooses (Hard, Good, Easy), and whether to accept
// what they typed for this card from now on (a checkbox: present or absent).
const OverrideBody = z.object({
  quality: z.enum(['3', '4', '5'], { error: 'must be 3, 4 or 5' }).transform((q) => Number(q) as 3 | 4 | 5),
  acceptGiven: z.enum(['1'], { error: 'must be 1 when given' }).optional(),
});

/**
 * Quiz mode: pick topics and a size, answer one question per page (graded at once, and counted
 * as an SM-2 review), then a score with the mistakes. Answers post to the question's own URL and
 * redirect back to it, so a reload shows the feedback instead of submitting twice.
 */
export function quizRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/quiz', requireUser);

  const renderNew = (req: Request, res: Response, form: { chosen: string[] | null; count: number; error?: string }) => {
    const user = currentUser(req);
    res.render('quiz/new', {
      title: 'Quiz',
      topics: quizTopics(deps.db, user.id),
      recent: recentQuizzes(deps.db, user.id),
      min: MIN_QUESTIONS,
      max: MAX_QUESTIONS,
      error: undefined,
      ...form,
    });
  };

  const renderQuestion = (res: Response, quiz: Quiz, index: number, error?: string) => {
    const question = questionAt(quiz, index);
    const grade = question.given === null ? null : gradeAnswer(question, question.given);
    const next = nextUnanswered(quiz);
    res.render('quiz/question', {
      title: `Quiz · question ${index}`,
      quiz,
      question,
      grade,
      score: scoreOf(quiz),
      nextHref: next ? questionHref(quiz.id, next.position) : `/quiz/${quiz.id}/result`,
      shownAt: deps.clock().getTime(),
      error,
    });
  };

  router.get('/quiz', (req, res) => renderNew(req, res, { chosen: null, count: DEFAULT_QUESTIONS }));

  router.post('/quiz', (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    try {
      const body = parseInput(CreateBody, raw);
      const id = createQuiz(deps.db, {
        userId: currentUser(req).id,
        topics: body.topics,
        count: body.count,
        now: deps.clock().getTime(),
        random: Math.random,
      });
      res.redirect(303, `/quiz/${id}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      // The form comes back with what the learner chose and the message, as a 400.
      const topics = toList(raw.topics);
      res.status(400);
      renderNew(req, res, {
        chosen: Array.isArray(topics) ? topics.filter((t): t is string => typeof t === 'string') : [],
        count: typeof raw.count === 'string' ? Number(raw.count) || DEFAULT_QUESTIONS : DEFAULT_QUESTIONS,
        error: error.message,
      });
    }
  });

  // Registered before '/quiz/:id/:index', which would otherwise take "result" as an index.
  router.get('/quiz/:id/result', (req, res) => {
    const { id } = parseInput(QuizParams, req.params);
    const quiz = quizFor(deps.db, currentUser(req).id, id);
    const next = nextUnanswered(quiz);
    res.render('quiz/result', {
      title: 'Quiz result',
      quiz,
      score: scoreOf(quiz),
      nextHref: next ? questionHref(quiz.id, next.position) : null,
    });
  });

  // The quiz's own address leads to where the learner is: the first unanswered question.
  router.get('/quiz/:id', (req, res) => {
    const { id } = parseInput(QuizParams, req.params);
    const quiz = quizFor(deps.db, currentUser(req).id, id);
    const next = nextUnanswered(quiz);
    res.redirect(303, next ? questionHref(quiz.id, next.position) : `/quiz/${quiz.id}/result`);
  });

  router.get('/quiz/:id/:index', (req, res) => {
    const { id, index } = parseInput(QuestionParams, req.params);
    renderQuestion(res, quizFor(deps.db, currentUser(req).id, id), index);
  });

  router.post('/quiz/:id/:index', (req, res) => {
    const { id, index } = parseInput(QuestionParams, req.params);
    const user = currentUser(req);
    // Ownership and range first, so a bad body never tells whether someone else's quiz exists.
    const quiz = quizFor(deps.db, user.id, id);
    if (questionAt(quiz, index).given !== null) throw conflict('You have already answered this question.');
    let body: z.infer<typeof AnswerBody>;
    try {
      body = parseInput(AnswerBody, req.body);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The question comes back with the message, so the learner can simply answer it.
      res.status(400);
      return renderQuestion(res, quiz, index, error.message);
    }
    const now = deps.clock().getTime();
    answerQuestion(deps.db, {
      userId: user.id,
      quizId: id,
      index,
      answer: body.answer,
      now,
      today: todayFor(deps, user),
      durationMs: answerDuration(now, body.shownAt),
    });
    res.redirect(303, questionHref(id, index));
  });

  router.post('/quiz/:id/:index/override', (req, res) => {
    const { id, index } = parseInput(QuestionParams, req.params);
    const user = currentUser(req);
    quizFor(deps.db, user.id, id);
    const body = parseInput(OverrideBody, req.body);
    overrideQuestion(deps.db, { userId: user.id, quizId: id, index, quality: body.quality, acceptGiven: body.acceptGiven === '1', now: deps.clock().getTime() });
    res.redirect(303, questionHref(id, index));
  });

  return router;
}

function questionHref(quizId: number, position: number): string {
  return `/quiz/${quizId}/${position}`;
}
