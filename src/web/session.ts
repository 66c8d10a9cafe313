import type { NextFunction, Request, Response } from 'express';
import type { SessionService } from '../accounts/sessions.js';
import { FailureCounter } from '../accounts/failure-counter.js';
import type { UserService } from '../accounts/users.js';
import { can, type Action } from '../authz/policy.js';
import { forbidden, tooManyRequests, unauthorized } from '../errors/app-error.js';
import type { AppDeps } from './app-deps.js';

export const SESSION_COOKIE = 'dh_session';

/** Loads the signed-in user from the session cookie, if any. */
export function loadSession(sessions: SessionService, users: UserService, clock: () => Date) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
    if (token) {
      const userId = sessions.userIdFor(token, clock().getTime());
      const user = userId === undefined ? undefined : users.byId(userId);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
    res.locals.user = req.user;
    next();
  };
}

/** Sets the session cookie: http-only, same-site, and secure when the server runs behind TLS. */
export function setSessionCookie(res: Response, token: string, maxAgeMs: number, secure: boolean): void {
  // maxAge rather than an absolute date: the browser's clock, not ours, decides when it lapses.
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: maxAgeMs, path: '/' });
}

/** Until the first account exists, every page leads to the set-up form. */
export function requireSetUp(users: UserService) {
  // Once an account exists there is always one (accounts are never all deleted), so the count is
  // asked only until then, not on every request.
  let setUp = false;
  return (req: Request, res: Response, next: NextFunction): void => {
    setUp ||= users.count() > 0;
    if (!setUp && req.path !== '/setup' && !req.path.startsWith('/static/') && req.path !== '/healthz') {
      if (req.method === 'GET') return res.redirect(303, '/setup');
      return next(unauthorized('Create the first account at /setup first.'));
    }
    next();
  };
}

/** Refuses signed-out requests with 401 (pages show the sign-in form with that status). */
export function requireUser(req: Request, _res: Response, next: NextFunction): void {
  next(req.user ? undefined : unauthorized());
}

/** Refuses anyone the policy does not allow `action` with 403 (401 when signed out). */
export function requireAllowed(action: Action) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.user) return next(unauthorized());
    next(can(req.user, action) ? undefined : forbidden('Only an instructor can do this.'));
  };
}

const SIGN_IN_WINDOW_MS = 15 * 60_000;
const failureCounters = new WeakMap<object, FailureCounter>();

/**
 * Failed password checks per username, one counter per app: the sign-in form and the
 * current-password check of /account/password count together. Keyed by the account rather than
 * the address, so a rotating X-Forwarded-For gains nothing, and one address's failures never lock
 * out another learner's correct password (a classroom shares one address).
 */
export function failedPasswordChecks(deps: Pick<AppDeps, 'config' | 'clock'>): FailureCounter {
  let counter = failureCounters.get(deps);
  if (!counter) {
    counter = new FailureCounter(deps.config.loginAttemptsPer15Min, SIGN_IN_WINDOW_MS, deps.clock);
    failureCounters.set(deps, counter);
  }
  return counter;
}

/**
 * The counter's key for a typed username: case and spaces do not make a new one, and a cut at 64
 * characters (usernames have at most 40) keeps made-up megabyte names from filling memory.
 */
export const accountKey = (username: string) => username.trim().toLowerCase().slice(0, 64);

/**
 * Throws 429 while the account has used up its failed checks. It is asked before the password is
 * checked, so a right guess after the limit is refused like a wrong one and tells nothing.
 */
export function requirePasswordChecksLeft(counter: FailureCounter, username: string): void {
  const waitMs = counter.retryAfterMs(accountKey(username));
  if (waitMs <= 0) return;
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  throw tooManyRequests(
    `Too many wrong passwords for this account. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or ask your instructor to reset the password.`,
  );
}
