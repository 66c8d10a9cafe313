import { Router } from 'express';
import type { CompileError } from '../../compiler/types.js';
import type { AppDeps } from '../app-deps.js';
import { requireAllowed } from '../session.js';

/** The page lists this many errors and as many warnings; `npm run compile` prints every one. */
const LISTED_PROBLEMS = 200;

/** The first `LISTED_PROBLEMS` problems and how many more there are. */
function listed(problems: readonly CompileError[]): { shown: readonly CompileError[]; more: number } {
  return { shown: problems.slice(0, LISTED_PROBLEMS), more: Math.max(0, problems.length - LISTED_PROBLEMS) };
}

/**
 * The instructor's view of the notes: what loaded, what failed and what looked odd (file:line),
 * and a reload button.
 */
export function contentRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/content', requireAllowed('content:manage'));

  router.get('/content', (_req, res) => {
    const status = deps.content.status();
    res.render('content', {
      title: 'Content',
      status,
      errors: listed(status?.errors ?? []),
      warnings: listed(status?.warnings ?? []),
      reloading: deps.content.isReloading(),
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
