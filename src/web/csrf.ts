import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error.js';

export const ANON_COOKIE = 'dh_anon';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection by a token bound to the visitor: an HMAC of their session token (or, before
 * signing in, of a random anonymous cookie) under a server secret kept in the database. Forms
 * send it as `_csrf`, scripts as `x-csrf-token`. Another site can make the browser send the
 * cookie but cannot read the page to learn the token. Same-site cookies are a second line.
 * `publicForms` are the paths that accept POSTs from signed-out visitors (sign-in, set-up, join).
 */
export function csrfProtection(secret: string, secureCookies: boolean, publicForms: readonly string[]) {
  const tokenFor = (key: string) => createHmac('sha256', secret).update(key).digest('base64url');
  return (req: Request, res: Response, next: NextFunction): void => {
    let key = req.sessionToken ?? (req.cookies as Record<string, string | undefined>)[ANON_COOKIE];
    if (!key) {
      key = randomBytes(18).toString('base64url');
      res.cookie(ANON_COOKIE, key, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' });
    }
    const expected = tokenFor(key);
    req.csrfToken = expected;
    res.locals.csrfToken = expected;
    if (SAFE_METHODS.has(req.method)) return next();
    // A signed-out request carries no authority to abuse, except on the forms that sign in or
    // create accounts; elsewhere it goes on to be refused as 401 by the sign-in check.
    // Express matches routes ignoring case and a trailing slash, so the list is checked the same way.
    const path = req.path.toLowerCase().replace(/\/+$/, '') || '/';
    if (!req.sessionToken && !publicForms.includes(path)) return next();
    const body = req.body as Record<string, unknown> | undefined;
    const sent = req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : '');
    const a = Buffer.from(sent);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      return next(
        new AppError(403, 'csrf', 'This form has expired or came from another site. Reload the page and try again.'),
      );
    }
    next();
  };
}
