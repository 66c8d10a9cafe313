import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { requireAcceptablePassword } from '../../accounts/password-policy.js';
import { UsernameTakenError } from '../../accounts/users.js';
import { ClassService } from '../../classes/class-service.js';
import { normalizeJoinCode } from '../../classes/join-code.js';
import { StudentAccounts } from '../../classes/student-accounts.js';
import { AppError, badRequest, forbidden, tooManyRequests } from '../../errors/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { currentUser } from '../request-context.js';
import { accountKey, failedPasswordChecks, requirePasswordChecksLeft, requireUser, setSessionCookie } from '../session.js';
import { Password, TimeZone, Username } from '../fields.js';
import { parseInput } from '../validate.js';

const Code = z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(40, { error: 'is not a join code' });
const JoinCodeOnly = z.object({ code: Code });
const JoinBody = z.object({
  code: Code,
  username: Username,
  displayName: z.string().trim().min(1, { error: 'is required' }).max(80, { error: 'must be at most 80 characters' }),
  password: Password,
  // Filled in from the browser (views/static/time-zone.js); without it, the server's zone.
  timeZone: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), TimeZone.optional()),
});
const PasswordBody = z
  .object({ current: z.string().max(200).optional(), password: Password, confirm: z.string() })
  .refine((body) => body.password === body.confirm, { error: 'the two new passwords differ', path: ['confirm'] });

export const WRONG_CODE = 'That join code is not valid. Check it with your instructor.';
export const CLOSED_CODE = 'This class is not taking new students with that code. Ask your instructor for the current code.';

/** Paths a student with a one-time password may still reach: choosing a password and leaving. */
const OPEN_PATHS = new Set(['/account/password', '/logout', '/healthz', '/login']);

/**
 * Sends a signed-in user who still has a one-time password to /account/password before anything
 * else. It sits in app.ts right after requireSetUp, so it guards every page.
 */
export function requireChosenPassword() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.user || OPEN_PATHS.has(req.path) || req.path.startsWith('/static/')) return next();
    if (!req.user.mustChangePassword) return next();
    if (req.method === 'GET') return res.redirect(303, '/account/password');
    next(forbidden('Choose your own password first, at /account/password.'));
  };
}

/** Joining a class with its code (signed out: a new account; signed in: one more class) and choosing one's password. */
export function joinRoutes(deps: AppDeps): Router {
  const router = Router();
  const classes = new ClassService(deps.db);
  const students = new StudentAccounts(deps.db);
  const now = () => deps.clock().getTime();

  /**
   * The class a typed code opens, or a message the join page shows. A wrong code is marked on the
   * response: only those count toward the per-address limit, not a refused password or a taken name.
   */
  const openClass = (typed: string, res: Response) => {
    const cls = classes.byJoinCode(normalizeJoinCode(typed));
    if (!cls || !cls.joinEnabled) res.locals.wrongJoinCode = true;
    if (!cls) throw badRequest(WRONG_CODE);
    if (!cls.joinEnabled) throw forbidden(CLOSED_CODE);
    return cls;
  };
  const render = (req: Request, res: Response, status: number, error?: string) => {
    const raw = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown>;
    const text = (key: string) => (typeof raw[key] === 'string' ? raw[key] : '');
    res.status(status).render('join', {
      title: 'Join a class',
      error,
      code: text('code'),
      username: text('username'),
      displayName: text('displayName'),
      timeZone: text('timeZone') || deps.config.timeZone,
      // Only a field the learner has not typed in yet is filled from the browser.
      offerBrowserZone: text('timeZone') === '',
      zones: Intl.supportedValuesOf('timeZone'),
    });
  };

  router.get('/join', (req, res) => render(req, res, 200));

  // Codes are guessed by trying them: wrong codes are slowed per address.
  const joinLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.config.loginAttemptsPer15Min,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.locals.wrongJoinCode !== true,
    // Without DECKHAND_TRUST_PROXY the header is ignored on purpose; no need to warn about it.
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) => next(tooManyRequests('Too many tries. Wait a few minutes and try again.')),
  });
  // Accounts made by joining, per address: a leaked code must not become a thousand accounts.
  const accountLimiter = rateLimit({
    windowMs: 60 * 60_000,
    limit: deps.config.joinsPerHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) =>
      next(tooManyRequests('Too many accounts were made from this address in the last hour. Ask your instructor to add you, or try again later.')),
  });

  router.post('/join', joinLimiter, accountLimiter, async (req, res) => {
    try {
      if (req.user) {
        if (req.user.role !== 'student') throw badRequest('You are signed in as an instructor; students join classes.');
        const cls = openClass(parseInput(JoinCodeOnly, req.body).code, res);
        classes.addMember(cls.id, req.user.id, now());
        return res.redirect(303, '/');
      }
      const body = parseInput(JoinBody, req.body);
      const cls = openClass(body.code, res);
      requireAcceptablePassword(body.password, body.username);
      let userId: number | undefined;
      try {
        [userId] = await students.createInClass(
          cls.id,
          [{ username: body.username, displayName: body.displayName, email: null, password: body.password, timeZone: body.timeZone ?? deps.config.timeZone, oneTime: false }],
          now(),
        );
      } catch (error) {
        if (error instanceof UsernameTakenError) throw badRequest('username: that username is taken; choose another');
        throw error;
      }
      if (userId === undefined) throw new Error('join: no account was created');
      if (body.timeZone !== undefined) deps.users.setTimeZone(userId, body.timeZone);
      const session = deps.sessions.create(userId, now());
      setSessionCookie(res, session.token, session.expiresAt - now(), deps.config.secureCookies);
      res.redirect(303, '/');
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      render(req, res, error.status, error.message);
    }
  });

  const failures = failedPasswordChecks(deps);

  router.get('/account/password', requireUser, (req, res) => {
    res.render('account-password', { title: 'Choose a password', mustChange: students.mustChangePassword(currentUser(req).id), error: undefined });
  });

  router.post('/account/password', requireUser, async (req, res) => {
    const user = currentUser(req);
    const mustChange = students.mustChangePassword(user.id);
    try {
      const body = parseInput(PasswordBody, req.body);
      // Someone who just signed in with a one-time password has proved it; others prove the current
      // one, and wrong tries count with the account's failed sign-ins, so a borrowed session cannot guess.
      if (!mustChange) {
        requirePasswordChecksLeft(failures, user.username);
        if (!(await deps.users.authenticate(user.username, body.current ?? '', `user:${user.id}`))) {
          failures.record(accountKey(user.username));
          throw badRequest('current: that is not your current password');
        }
      }
      requireAcceptablePassword(body.password, user.username);
      await students.choosePassword(user.id, body.password);
      // Every other session (a shared computer, a leaked one-time password) ends here.
      deps.sessions.destroyAllFor(user.id);
      const session = deps.sessions.create(user.id, now());
      setSessionCookie(res, session.token, session.expiresAt - now(), deps.config.secureCookies);
      res.redirect(303, '/');
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      res.status(error.status).render('account-password', { title: 'Choose a password', mustChange, error: error.message });
    }
  });

  return router;
}
