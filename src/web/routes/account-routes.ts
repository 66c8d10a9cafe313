import { Router, type Response } from 'express';
import type { User } from '../../accounts/users.js';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { isValidTimeZone } from '../../scheduler/day.js';
import type { AppDeps } from '../app-deps.js';
import { todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

const TimeZoneBody = z.object({
  timeZone: z.string().trim().refine(isValidTimeZone, { error: 'is not a time zone this server knows (use a name like Europe/Berlin)' }),
});

/** The learner's own settings: the time zone their "today" is counted in (and a password link). */
export function accountRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/account', requireUser);

  const render = (res: Response, user: User, status = 200, error?: string, saved = false) =>
    res.status(status).render('account', {
      title: 'Account',
      timeZone: user.timeZone,
      today: todayFor(deps, user),
      rolloverHour: deps.config.rolloverHour,
      zones: Intl.supportedValuesOf('timeZone'),
      error,
      saved,
    });

  router.get('/account', (req, res) => {
    render(res, currentUser(req), 200, undefined, req.query.saved === '1');
  });

  router.post('/account/time-zone', (req, res) => {
    const user = currentUser(req);
    try {
      const body = parseInput(TimeZoneBody, req.body);
      deps.users.setTimeZone(user.id, body.timeZone);
      res.redirect(303, '/account?saved=1');
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      render(res, user, error.status, error.message);
    }
  });

  return router;
}
