import { Router, type Response } from 'express';
import type { User } from '../../accounts/users.js';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import {
  DESIRED_RETENTION_BOUNDS,
  desiredRetentionOf,
  saveScheduler,
  saveStudyOptions,
  schedulerOf,
  STUDY_OPTION_BOUNDS,
} from '../../review/study-options.js';
import type { AppDeps } from '../app-deps.js';
import { TimeZone } from '../fields.js';
import { optionsOf, todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

const TimeZoneBody = z.object({ timeZone: TimeZone });

/** A whole number typed in a form field, within bounds; an empty field is missing, not 0. */
function wholeNumber({ min, max }: { min: number; max: number }) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .regex(/^\d{1,6}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }));
}

const StudyOptionsBody = z.object({
  newCardsPerDay: wholeNumber(STUDY_OPTION_BOUNDS.newCardsPerDay),
  reviewsPerDay: wholeNumber(STUDY_OPTION_BOUNDS.reviewsPerDay),
  rolloverHour: wholeNumber(STUDY_OPTION_BOUNDS.rolloverHour),
});

const RETENTION_MESSAGE = `must be a number from ${DESIRED_RETENTION_BOUNDS.min.toFixed(2)} to ${DESIRED_RETENTION_BOUNDS.max.toFixed(2)}`;
const SchedulerBody = z.object({
  scheduler: z.enum(['sm2', 'fsrs'], { error: 'must be sm2 or fsrs' }),
  desiredRetention: z
    .string({ error: 'is required' })
    .trim()
    .regex(/^(0?\.\d{1,4}|1(\.0{1,4})?)$/, { error: RETENTION_MESSAGE })
    .transform(Number)
    .pipe(z.number().min(DESIRED_RETENTION_BOUNDS.min, { error: RETENTION_MESSAGE }).max(DESIRED_RETENTION_BOUNDS.max, { error: RETENTION_MESSAGE })),
});

const SAVED = { zone: 'zone', study: 'study', scheduler: 'scheduler' } as const;

/** The learner's own settings: their time zone, how they study (limits, rollover) and a password link. */
export function accountRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/account', requireUser);

  const render = (res: Response, user: User, status = 200, error?: string, saved?: string) =>
    res.status(status).render('account', {
      title: 'Account',
      timeZone: user.timeZone,
      // Until the learner chooses, the page offers the browser's zone (views/static/time-zone.js).
      offerBrowserZone: !deps.users.timeZoneChosen(user.id),
      today: todayFor(deps, user),
      options: optionsOf(deps, user),
      bounds: STUDY_OPTION_BOUNDS,
      scheduler: schedulerOf(deps.db, user.id).kind,
      desiredRetention: desiredRetentionOf(deps.db, user.id),
      retentionBounds: DESIRED_RETENTION_BOUNDS,
      zones: Intl.supportedValuesOf('timeZone'),
      error,
      saved,
    });

  router.get('/account', (req, res) => {
    // `saved=1` is the time zone's (older links); `saved=study` the study options'.
    const query = req.query.saved;
    const saved = query === '1' ? SAVED.zone : query === SAVED.study || query === SAVED.scheduler ? query : undefined;
    render(res, currentUser(req), 200, undefined, saved);
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

  router.post('/account/study', (req, res) => {
    const user = currentUser(req);
    try {
      saveStudyOptions(deps.db, user.id, parseInput(StudyOptionsBody, req.body));
      res.redirect(303, `/account?saved=${SAVED.study}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      render(res, user, error.status, error.message);
    }
  });

  // Switching keeps every card's SM-2 and FSRS state (src/review/schedule.ts): nothing is lost.
  router.post('/account/scheduler', (req, res) => {
    const user = currentUser(req);
    try {
      const body = parseInput(SchedulerBody, req.body);
      saveScheduler(deps.db, user.id, body.scheduler, body.desiredRetention);
      res.redirect(303, `/account?saved=${SAVED.scheduler}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      render(res, user, error.status, error.message);
    }
  });

  return router;
}
