import { Router } from 'express';
import type { AppDeps } from '../app-deps.js';
import { requireAllowed } from '../session.js';

/** The instructor's view of the notes: what loaded, what failed (file:line), and a reload button. */
export function contentRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/content', requireAllowed('content:manage'));

  router.get('/content', (_req, res) => {
    res.render('content', {
      title: 'Content',
      status: deps.content.status(),
      dir: deps.content.dir,
      challengeCount: deps.challenges.list().length,
      challengeErrors: deps.challenges.loadErrors(),
    });
  });

  router.post('/content/reload', async (_req, res) => {
    await deps.content.reload();
    deps.challenges.reload();
    res.redirect(303, '/content');
  });

  return router;
}
