import { Router, type Request } from 'express';
import { z } from 'zod';
import { recordAnswer, undoLastAnswer } from '../../review/answer.js';
import { reviewStep, type ReviewStep } from '../../review/review-step.js';
import { studyTopicPaths, studyTopicSchema } from '../../review/study-topic.js';
import type { DailyLimits } from '../../review/queue.js';
import type { Quality } from '../../scheduler/sm2.js';
import type { AppDeps } from '../app-deps.js';
import { limitsOf, todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { answerDuration } from '../fields.js';
import { parseInput } from '../validate.js';

const AnswerBody = z.object({
  cardId: z.string().min(1, { error: 'is required' }).max(64),
  quality: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be between 0 and 5' })
    .max(5, { error: 'must be between 0 and 5' }),
  shownAt: z.coerce.number().int().nonnegative().optional(),
  durationMs: z.coerce.number().int().nonnegative().optional(),
});

// `card` names the card the page was showing, so a reload keeps its place: the answer stays
// revealed only while that card is still the learner's current one.
const ReviewQuery = z.object({
  reveal: z.enum(['0', '1']).optional(),
  card: z.string().min(1).max(64).optional(),
});

/**
 * The JSON every review endpoint answers with besides its own fields: the card to show now
 * (`buttons` and `intervalNote` are its), the counts, and `after`, the card that follows it.
 */
export function stepJson(step: ReviewStep) {
  return {
    counts: step.counts,
    buttons: step.current?.buttons ?? [],
    intervalNote: step.current?.intervalNote ?? null,
    flagged: step.current?.flagged ?? false,
    after: step.after,
  };
}

/**
 * Where a page that shows `cardId` (revealed or not) lives, so a reload comes back to it; with
 * the topic the learner chose to study, so the choice lasts through the session.
 */
export function reviewUrl(cardId: string | undefined, revealed: boolean, topic?: string): string {
  const params = [
    ...(cardId ? [`card=${encodeURIComponent(cardId)}`] : []),
    ...(cardId && revealed ? ['reveal=1'] : []),
    ...(topic ? [`topic=${encodeURIComponent(topic)}`] : []),
  ];
  return params.length === 0 ? '/review' : `/review?${params.join('&')}`;
}

/**
 * The topic the learner chose to study (`?topic=` on pages, form posts and the API; a JSON body
 * may carry it instead), checked against their own topic paths; undefined for every topic.
 */
export function studyTopicOf(deps: AppDeps, req: Request): string | undefined {
  const user = currentUser(req);
  const body = (req.body ?? {}) as { topic?: unknown };
  const input = { topic: req.query.topic ?? body.topic };
  return parseInput(studyTopicSchema(() => studyTopicPaths(deps.db, user.id)), input).topic;
}

/** The learner's daily limits for this request, narrowed to the topic they chose, if any. */
export function requestLimits(deps: AppDeps, req: Request, topic: string | undefined): DailyLimits {
  return { ...limitsOf(deps, currentUser(req)), studyTopic: topic ?? null };
}

/** The review session: one card at a time, four grades, undo; as pages and as a small JSON API. */
export function reviewRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(['/review', '/api/review'], requireUser);

  const session = (req: Request, topic: string | undefined) => {
    const user = currentUser(req);
    return reviewStep(deps.db, user.id, todayFor(deps, user), requestLimits(deps, req, topic));
  };

  // The topic is checked before anything is saved: a refused topic changes nothing.
  const answer = (req: Request) => {
    const body = parseInput(AnswerBody, req.body);
    const topic = studyTopicOf(deps, req);
    const user = currentUser(req);
    const now = deps.clock().getTime();
    const outcome = recordAnswer(deps.db, {
      userId: user.id,
      cardId: body.cardId,
      quality: body.quality as Quality,
      now,
      today: todayFor(deps, user),
      durationMs: answerDuration(now, body.shownAt, body.durationMs),
      limits: limitsOf(deps, user),
    });
    return { ...outcome, topic };
  };

  router.get('/review', (req, res) => {
    const query = parseInput(ReviewQuery, req.query);
    const topic = studyTopicOf(deps, req);
    const step = session(req, topic);
    const card = step.current?.card;
    const revealed = query.reveal === '1' && card !== undefined && (query.card === undefined || query.card === card.id);
    res.render('review', {
      title: 'Review',
      card,
      counts: step.counts,
      buttons: step.current?.buttons ?? [],
      intervalNote: step.current?.intervalNote ?? null,
      flagged: step.current?.flagged ?? false,
      after: step.after,
      revealed,
      revealUrl: reviewUrl(card?.id, true, topic),
      topic: topic ?? null,
      topicQuery: topic ? `?topic=${encodeURIComponent(topic)}` : '',
      shownAt: deps.clock().getTime(),
    });
  });

  router.post('/review/answer', (req, res) => {
    const { topic } = answer(req);
    res.redirect(303, reviewUrl(undefined, false, topic));
  });

  router.post('/review/undo', (req, res) => {
    const topic = studyTopicOf(deps, req);
    const cardId = undoLastAnswer(deps.db, currentUser(req).id, deps.clock().getTime());
    res.redirect(303, reviewUrl(cardId, true, topic));
  });

  router.get('/api/review/next', (req, res) => {
    const step = session(req, studyTopicOf(deps, req));
    res.json({ card: step.current?.card ?? null, ...stepJson(step) });
  });

  // One round trip per answer: the answer is saved, and the reply carries the next card and the
  // one after it, which the page shows straight away at the next grade.
  router.post('/api/review/answer', (req, res) => {
    const outcome = answer(req);
    const step = session(req, outcome.topic);
    res.json({ saved: true, logId: outcome.logId, kind: outcome.kind, next: step.current?.card ?? null, ...stepJson(step) });
  });

  router.post('/api/review/undo', (req, res) => {
    const topic = studyTopicOf(deps, req);
    const cardId = undoLastAnswer(deps.db, currentUser(req).id, deps.clock().getTime());
    const step = session(req, topic);
    res.json({ undone: cardId ?? null, next: step.current?.card ?? null, ...stepJson(step) });
  });

  return router;
}
