import { Router } from 'express';
import { formatDuration, formatShare, statsPage } from '../../stats/stats-page.js';
import type { AppDeps } from '../app-deps.js';
import { todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';

/** The stats page: a year of answers, the coming month's reviews, retention and totals. */
export function statsRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/stats', requireUser, (req, res) => {
    const user = currentUser(req);
    const stats = statsPage(deps.db, user.id, todayFor(deps, user));
    res.render('stats', {
      title: 'Stats',
      ...stats,
      retentionText: formatShare(stats.retention.share),
      averageText: formatDuration(stats.totals.averageMs),
    });
  });
  return router;
}
