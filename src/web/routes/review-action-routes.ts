import { Router, type Request } from 'express';
import { z } from 'zod';
import { applyReviewAction, LEAVES_SESSION, REVIEW_ACTIONS, type ReviewAction } from '../../review/review-actions.js';
import { reviewStep } from '../../review/review-step.js';
import type { AppDeps } from '../app-deps.js';
import { todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';
import { requestLimits, reviewUrl, stepJson, studyTopicOf } from './review-routes.js';

const ActionParams = z.object({
  cardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a card id' }),
  action: z.enum(REVIEW_ACTIONS, { error: `must be one of ${REVIEW_ACTIONS.join(', ')}` }),
});

// The form says whether the answer was showing, so a flag keeps the page as it was.
const ActionForm = z.object({ reveal: z.enum(['0', '1']).optional() });

/**
 * Card actions on the review screen: suspend, bury until tomorrow, flag, and their undo. Each is
 * a plain form that comes back to /review, and the same action as JSON for review.js, whose reply
 * is a review step like an answer's, so the page shows the next card without a reload.
 */
export function reviewActionRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(['/review/cards', '/api/review/cards'], requireUser);

  const act = (req: Request): { cardId: string; action: ReviewAction; changed: boolean; topic: string | undefined } => {
    const { cardId, action } = parseInput(ActionParams, req.params);
    const topic = studyTopicOf(deps, req);
    const user = currentUser(req);
    const changed = applyReviewAction(deps.db, {
      userId: user.id,
      cardId,
      action,
      today: todayFor(deps, user),
      now: deps.clock().getTime(),
    });
    return { cardId, action, changed, topic };
  };

  router.post('/review/cards/:cardId/:action', (req, res) => {
    const form = parseInput(ActionForm, req.body);
    const { cardId, action, topic } = act(req);
    // A suspended or buried card has left the session: the next one shows. A flag stays on the
    // card, and so does the page; an undo brings the card back wherever the queue puts it.
    const stays = action === 'flag' || action === 'unflag';
    res.redirect(303, stays ? reviewUrl(cardId, form.reveal === '1', topic) : reviewUrl(undefined, false, topic));
  });

  router.post('/api/review/cards/:cardId/:action', (req, res) => {
    const { cardId, action, changed, topic } = act(req);
    const user = currentUser(req);
    const step = reviewStep(deps.db, user.id, todayFor(deps, user), requestLimits(deps, req, topic));
    res.json({ cardId, action, changed, leftSession: LEAVES_SESSION.has(action), next: step.current?.card ?? null, ...stepJson(step) });
  });

  return router;
}
