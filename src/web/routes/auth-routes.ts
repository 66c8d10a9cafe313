import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { AppError, tooManyRequests } from '../../errors/app-error.js';
import { isValidTimeZone } from '../../scheduler/day.js';
import type { AppDeps } from '../app-deps.js';
import { SESSION_COOKIE, setSessionCookie } from '../session.js';
import { Password, Username } from '../fields.js';
import { parseInput } from '../validate.js';


const SetupBody = z.object({
  username: Username,
  password: Password,
  timeZone: z.string().refine(isValidTimeZone, { error: 'is not a known time zone' }).optional(),
});
const LoginBody = z.object({ username: z.string().trim().min(1, { error: 'is required' }), password: z.string().min(1, { error: 'is required' }), next: z.string().optional() });

/** Only same-site paths are followed after signing in, never another host. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function formError(error: unknown): string {
  if (error instanceof AppError && error.status < 500) return error.message;
  throw error;
}

/** First-account set-up, sign in and sign out. */
export function authRoutes(deps: AppDeps): Router {
  const router = Router();
  const now = () => deps.clock().getTime();
  const signIn = (res: Response, userId: number) => {
    const issuedAt = now();
    const session = deps.sessions.create(userId, issuedAt);
    setSessionCookie(res, session.token, session.expiresAt - issuedAt, deps.config.secureCookies);
  };

  router.get('/setup', (_req, res) => {
    if (deps.users.count() > 0) return res.redirect(303, '/login');
    res.render('setup', { title: 'Welcome to Deckhand', error: undefined, username: '', timeZone: deps.config.timeZone });
  });

  router.post('/setup', async (req, res) => {
    if (deps.users.count() > 0) return res.redirect(303, '/login');
    const raw = req.body as Record<string, unknown>;
    try {
      const body = parseInput(SetupBody, raw);
      const user = await deps.users.createFirst({
        username: body.username,
        password: body.password,
        timeZone: body.timeZone ?? deps.config.timeZone,
        now: now(),
      });
      if (!user) return res.redirect(303, '/login');
      signIn(res, user.id);
      res.redirect(303, '/');
    } catch (error) {
      res.status(400).render('setup', {
        title: 'Welcome to Deckhand',
        error: formError(error),
        username: typeof raw.username === 'string' ? raw.username : '',
        timeZone: typeof raw.timeZone === 'string' ? raw.timeZone : deps.config.timeZone,
      });
    }
  });

  router.get('/login', (req: Request, res) => {
    if (req.user) return res.redirect(303, '/');
    const next = typeof req.query.next === 'string' ? req.query.next : '/';
    res.render('login', { title: 'Sign in', error: undefined, username: '', next });
  });

  // Guessing passwords is slowed per address: a classroom shares one address, hence a generous limit.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.config.loginAttemptsPer15Min,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: (_req, _res, next) => next(tooManyRequests('Too many sign-in attempts. Wait a few minutes and try again.')),
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    const next = safeNext(typeof raw.next === 'string' ? raw.next : undefined);
    try {
      const body = parseInput(LoginBody, raw);
      const user = await deps.users.authenticate(body.username, body.password);
      if (!user) throw new AppError(401, 'bad_credentials', 'That username and password do not match.');
      signIn(res, user.id);
      res.redirect(303, next);
    } catch (error) {
      const message = formError(error);
      res.status(error instanceof AppError ? error.status : 400).render('login', {
        title: 'Sign in',
        error: message,
        username: typeof raw.username === 'string' ? raw.username : '',
        next,
      });
    }
  });

  router.post('/logout', (req, res) => {
    if (req.sessionToken) deps.sessions.destroy(req.sessionToken);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  return router;
}
