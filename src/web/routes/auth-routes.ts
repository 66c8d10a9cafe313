import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireAcceptablePassword } from '../../accounts/password-policy.js';
import { isSetupToken } from '../../accounts/setup-token.js';
import { AppError } from '../../errors/app-error.js';
import { isValidTimeZone } from '../../scheduler/day.js';
import type { AppDeps } from '../app-deps.js';
import { accountKey, failedPasswordChecks, requirePasswordChecksLeft, SESSION_COOKIE, setSessionCookie } from '../session.js';
import { Password, Username } from '../fields.js';
import { parseInput } from '../validate.js';

const SetupBody = z.object({
  username: Username,
  password: Password,
  timeZone: z.string().refine(isValidTimeZone, { error: 'is not a known time zone' }).optional(),
});
export const SETUP_TOKEN_NEEDED =
  'This server listens on the network, so the first account needs the set-up link printed on the server\'s console when it started (it ends in ?token=…).';

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

  // Beyond loopback, the first account is the instructor's for whoever holds the console's token.
  const tokenNeeded = deps.config.listensBeyondLoopback;
  const renderSetup = (
    res: Response,
    status: number,
    fields: { error?: string; username?: string; timeZone?: string; token?: string; tokenMissing?: boolean },
  ) =>
    res.status(status).render('setup', {
      title: 'Welcome to Deckhand',
      error: fields.error,
      username: fields.username ?? '',
      timeZone: fields.timeZone ?? deps.config.timeZone,
      token: fields.token ?? '',
      // Without the token the page explains where to find it and shows no form.
      tokenMissing: fields.tokenMissing ?? false,
    });

  router.get('/setup', (req, res) => {
    if (deps.users.count() > 0) return res.redirect(303, '/login');
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (tokenNeeded && !isSetupToken(deps.db, token)) {
      return void renderSetup(res, 403, { error: SETUP_TOKEN_NEEDED, tokenMissing: true });
    }
    renderSetup(res, 200, { token });
  });

  router.post('/setup', async (req, res) => {
    if (deps.users.count() > 0) return res.redirect(303, '/login');
    const raw = req.body as Record<string, unknown>;
    const text = (key: string) => (typeof raw[key] === 'string' ? raw[key] : undefined);
    if (tokenNeeded && !isSetupToken(deps.db, raw.token)) {
      return void renderSetup(res, 403, { error: SETUP_TOKEN_NEEDED, tokenMissing: true });
    }
    try {
      const body = parseInput(SetupBody, raw);
      requireAcceptablePassword(body.password, body.username);
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
      renderSetup(res, 400, { error: formError(error), username: text('username'), timeZone: text('timeZone'), token: text('token') });
    }
  });

  router.get('/login', (req: Request, res) => {
    if (req.user) return res.redirect(303, '/');
    const next = typeof req.query.next === 'string' ? req.query.next : '/';
    res.render('login', { title: 'Sign in', error: undefined, username: '', next });
  });

  // Guessing is slowed per account (see failedPasswordChecks), not per address.
  const failures = failedPasswordChecks(deps);

  router.post('/login', async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    const next = safeNext(typeof raw.next === 'string' ? raw.next : undefined);
    try {
      const body = parseInput(LoginBody, raw);
      requirePasswordChecksLeft(failures, body.username);
      const user = await deps.users.authenticate(body.username, body.password, req.ip ?? '');
      if (!user) {
        failures.record(accountKey(body.username));
        throw new AppError(401, 'bad_credentials', 'That username and password do not match.');
      }
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
