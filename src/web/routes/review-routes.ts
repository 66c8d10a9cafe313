import { Router, type Request } from 'express';
import { z } from 'zod';
import { recordAnswer, undoLastAnswer } from '../../review/answer.js';
import { readCardState } from '../../review/card-state.js';
import { todaysSession } from '../../review/queue.js';
import { buttonPreviews } from '../../review/schedule.js';
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

const ReviewQuery = z.object({ reveal: z.enum(['0', '1']).optional() });

/** The review session: one card at a time, four grades, undo; as pages and as a small JSON API. */
export function reviewRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(['/review', '/api/review'], requireUser);

  const session = (req: Request) => {
    const user = currentUser(req);
    const today = todayFor(deps, user);
    const { card, counts } = todaysSession(deps.db, user.id, today, limitsOf(deps, user));
    const buttons = card ? buttonPreviews(readCardState(deps.db, user.id, card.id), today) : [];
    return { user, today, card, counts, buttons };
  };

  const answer = (req: Request) => {
    const body = parseInput(AnswerBody, req.body);
    const user = currentUser(req);
    const now = deps.clock().getTime();
    return recordAnswer(deps.db, {
      userId: user.id,
      cardId: body.cardId,
      quality: body.quality as Quality,
      now,
      today: todayFor(deps, user),
      durationMs: answerDuration(now, body.shownAt, body.durationMs),
      limits: limitsOf(deps, user),
    });
  };

  router.get('/review', (req, res) => {
    const query = parseInput(ReviewQuery, req.query);
    const view = session(req);
    res.render('review', { title: 'Review', ...view, revealed: query.reveal === '1', shownAt: deps.clock().getTime() });
  });

  router.post('/review/answer', (req, res) => {
    answer(req);
    res.redirect(303, '/review');
  });

  router.post('/review/undo', (req, res) => {
    undoLastAnswer(deps.db, currentUser(req).id, deps.clock().getTime());
    res.redirect(303, '/review?reveal=1');
  });

  router.get('/api/review/next', (req, res) => {
    const { card, counts, buttons } = session(req);
    res.json({ card: card ?? null, counts, buttons });
  });

  router.post('/api/review/answer', (req, res) => {
    const outcome = answer(req);
    const { card, counts, buttons } = session(req);
    res.json({ saved: true, logId: outcome.logId, kind: outcome.kind, next: card ?? null, counts, buttons });
  });

  router.post('/api/review/undo', (req, res) => {
    const cardId = undoLastAnswer(deps.db, currentUser(req).id, deps.clock().getTime());
    res.json({ undone: cardId ?? null });
  });

  return router;
}
