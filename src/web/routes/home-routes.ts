import { Router, type Response } from 'express';
import { z } from 'zod';
import type { User } from '../../accounts/users.js';
import { classScopeFor } from '../../classes/class-scope.js';
import { pendingDraftCount } from '../../drafts/drafts.js';
import { AppError } from '../../errors/app-error.js';
import { grantExtraNewCards, MAX_EXTRA_NEW, startReviewAhead, studyMoreOn } from '../../review/study-more.js';
import { studyTopicPaths } from '../../review/study-topic.js';
import { homeSummary } from '../../review/summary.js';
import type { AppDeps } from '../app-deps.js';
import { limitsOf, todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

const EXTRA_MESSAGE = `must be a whole number from 1 to ${MAX_EXTRA_NEW}`;
const ExtraNewBody = z.object({
  count: z
    .string({ error: 'is required' })
    .trim()
    .regex(/^\d{1,6}$/, { error: EXTRA_MESSAGE })
    .transform(Number)
    .pipe(z.number().min(1, { error: EXTRA_MESSAGE }).max(MAX_EXTRA_NEW, { error: EXTRA_MESSAGE })),
});

/** The home page: what is due today, how the learner is doing per topic, and "study more". */
export function homeRoutes(deps: AppDeps): Router {
  const router = Router();

  const render = async (res: Response, user: User, status = 200, error?: string) => {
    const today = todayFor(deps, user);
    const notices = await deps.challenges.notices();
    const drafts = pendingDraftCount(deps.db, user.id, classScopeFor(deps.db, user.id));
    const studyMore = studyMoreOn(deps.db, user.id, today);
    res.status(status).render('home', {
      title: 'Today',
      today,
      notices,
      drafts,
      studyMore,
      maxExtraNew: MAX_EXTRA_NEW,
      error,
      // Each topic links to a review of it alone; "General" stands for cards without a topic.
      studyPaths: studyTopicPaths(deps.db, user.id),
      ...homeSummary(deps.db, user.id, today, limitsOf(deps, user)),
    });
  };

  router.get('/', requireUser, async (req, res) => {
    await render(res, currentUser(req));
  });

  // Study more, for today only: extra new cards on top of the daily limit, or cards due tomorrow.
  router.post('/study-more/new', requireUser, async (req, res) => {
    const user = currentUser(req);
    try {
      const body = parseInput(ExtraNewBody, req.body);
      grantExtraNewCards(deps.db, user.id, todayFor(deps, user), body.count);
      res.redirect(303, '/');
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      await render(res, user, error.status, error.message);
    }
  });

  router.post('/study-more/ahead', requireUser, (req, res) => {
    const user = currentUser(req);
    startReviewAhead(deps.db, user.id, todayFor(deps, user));
    res.redirect(303, '/');
  });

  // Unhealthy (503) once the database file is deleted, replaced or read-only: answers would be lost.
  router.get('/healthz', (_req, res) => {
    const health = deps.db.health();
    if (health.ok) return void res.json({ ok: true });
    res.status(503).json({ ok: false, problem: `the database file ${health.problem}` });
  });
  return router;
}
