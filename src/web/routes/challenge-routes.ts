import { Router, type Request, type Response } from 'express';
import { micromark } from 'micromark';
import { z } from 'zod';
import type { Attempt } from '../../challenges/attempt-store.js';
import { challengeSchedules } from '../../challenges/challenge-schedule.js';
import type { Challenge } from '../../challenges/schema.js';
import { challengeInScope, classScopeFor } from '../../classes/class-scope.js';
import { forbidden, notFound } from '../../errors/app-error.js';
import type { CheckResult } from '../../grader/check-type.js';
import type { AppDeps } from '../app-deps.js';
import { todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

const Params = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'is not a challenge id' }),
});

type Status = 'not started' | 'in progress' | 'passed' | 'gave up' | 'ended';

function statusOf(attempt: Attempt | undefined): Status {
  if (!attempt) return 'not started';
  if (attempt.status === 'passed') return 'passed';
  if (attempt.status === 'gave_up') return 'gave up';
  return attempt.endedAt === null ? 'in progress' : 'ended';
}

/**
 * The challenge pages: a list with status and due day, and one page per challenge with Start,
 * Check, Hint, Give up, Reset and End. A first pass (or giving up) schedules the challenge with
 * SM-2 like a card. The use-cases are the CLI's (src/challenges/attempts.ts).
 */
export function challengeRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/challenges', requireUser);

  const visible = (req: Request): Challenge[] => {
    const scope = classScopeFor(deps.db, currentUser(req).id);
    return deps.challenges.list().filter((challenge) => challengeInScope(scope, challenge.id));
  };

  const find = (req: Request): Challenge => {
    const { id } = parseInput(Params, req.params);
    const challenge = visible(req).find((candidate) => candidate.id === id);
    if (!challenge) throw notFound(`There is no challenge called "${id}".`);
    return challenge;
  };

  /**
   * Host mode shares one engine and calls whatever appears on it during an attempt the attempt's:
   * fine for the machine's owner, wrong for a class, where one student's End would remove another
   * student's containers. Students (who exist only in classes) need the isolated sandboxes.
   */
  const hostModeRefusal = (req: Request): string | undefined =>
    deps.challenges.mode === 'host' && currentUser(req).role === 'student'
      ? 'In a class every student needs a sandbox of their own, which this server was not started with. Ask your instructor to run Deckhand with DECKHAND_SANDBOX_MODE=isolated.'
      : undefined;
  const mayStart = (req: Request) => {
    const refusal = hostModeRefusal(req);
    if (refusal) throw forbidden(refusal);
  };

  const render = async (req: Request, res: Response, challenge: Challenge, extra: { results?: CheckResult[]; warnings?: string[]; hint?: string } = {}) => {
    const user = currentUser(req);
    const service = deps.challenges.serviceFor(user.id);
    const latest = service.list(user.id).find((item) => item.challenge.id === challenge.id)?.latest;
    const live = latest && latest.endedAt === null ? latest : undefined;
    res.render('challenges/show', {
      title: challenge.title,
      challenge,
      taskHtml: micromark(challenge.task),
      attempt: latest,
      live,
      status: statusOf(latest),
      hintsShown: live ? challenge.hints.slice(0, live.hintsUsed) : [],
      solution: latest?.status === 'gave_up' ? challenge.solution : undefined,
      schedule: challengeSchedules(deps.db, user.id).get(challenge.id),
      notices: [hostModeRefusal(req), ...(await deps.challenges.notices())].filter((notice) => notice !== undefined),
      sandboxId: live?.sandbox.details?.sandboxId,
      results: extra.results,
      warnings: extra.warnings ?? [],
      mode: deps.challenges.mode,
    });
  };

  router.get('/challenges', async (req, res) => {
    const user = currentUser(req);
    const latest = new Map(deps.challenges.serviceFor(user.id).list(user.id).map((item) => [item.challenge.id, item.latest]));
    const schedules = challengeSchedules(deps.db, user.id);
    const today = todayFor(deps, user);
    const rows = visible(req).map((challenge) => {
      const schedule = schedules.get(challenge.id);
      return { challenge, status: statusOf(latest.get(challenge.id)), dueDay: schedule?.dueDay ?? null, due: schedule?.dueDay ? schedule.dueDay <= today : false };
    });
    res.render('challenges/list', { title: 'Challenges', rows, notices: await deps.challenges.notices(), loadErrors: user.role === 'instructor' ? deps.challenges.loadErrors() : [] });
  });

  router.get('/challenges/:id', async (req, res) => {
    await render(req, res, find(req));
  });

  router.post('/challenges/:id/start', async (req, res) => {
    const challenge = find(req);
    mayStart(req);
    const { warnings } = await deps.challenges.serviceFor(currentUser(req).id).start(currentUser(req).id, challenge.id);
    await render(req, res, challenge, { warnings });
  });

  router.post('/challenges/:id/check', async (req, res) => {
    const challenge = find(req);
    const user = currentUser(req);
    // The use-case schedules the challenge with SM-2 at the attempt's first pass.
    const outcome = await deps.challenges.serviceFor(user.id).check(user.id, challenge.id);
    await render(req, res, challenge, { results: outcome.results });
  });

  router.post('/challenges/:id/hint', async (req, res) => {
    const challenge = find(req);
    deps.challenges.serviceFor(currentUser(req).id).nextHint(currentUser(req).id, challenge.id);
    res.redirect(303, `/challenges/${challenge.id}#hints`);
  });

  router.post('/challenges/:id/give-up', async (req, res) => {
    const challenge = find(req);
    const user = currentUser(req);
    deps.challenges.serviceFor(user.id).giveUp(user.id, challenge.id);
    res.redirect(303, `/challenges/${challenge.id}#solution`);
  });

  router.post('/challenges/:id/reset', async (req, res) => {
    const challenge = find(req);
    mayStart(req);
    const { warnings } = await deps.challenges.serviceFor(currentUser(req).id).reset(currentUser(req).id, challenge.id);
    await render(req, res, challenge, { warnings });
  });

  router.post('/challenges/:id/end', async (req, res) => {
    const challenge = find(req);
    await deps.challenges.serviceFor(currentUser(req).id).end(currentUser(req).id, challenge.id);
    res.redirect(303, `/challenges/${challenge.id}`);
  });

  return router;
}
