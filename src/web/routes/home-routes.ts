import { Router } from 'express';
import { classScopeFor } from '../../classes/class-scope.js';
import { pendingDraftCount } from '../../drafts/drafts.js';
import { homeSummary } from '../../review/summary.js';
import type { AppDeps } from '../app-deps.js';
import { limitsOf, todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';

/** The home page: what is due today and how the learner is doing per topic. */
export function homeRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const user = currentUser(req);
    const today = todayFor(deps, user);
    const notices = await deps.challenges.notices();
    const drafts = pendingDraftCount(deps.db, user.id, classScopeFor(deps.db, user.id));
    res.render('home', { title: 'Today', today, notices, drafts, ...homeSummary(deps.db, user.id, today, limitsOf(deps, user)) });
  });
  // Unhealthy (503) once the database file is deleted, replaced or read-only: answers would be lost.
  router.get('/healthz', (_req, res) => {
    const health = deps.db.health();
    if (health.ok) return void res.json({ ok: true });
    res.status(503).json({ ok: false, problem: `the database file ${health.problem}` });
  });
  return router;
}
