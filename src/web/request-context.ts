import type { Request } from 'express';
import type { User } from '../accounts/users.js';
import { unauthorized } from '../errors/app-error.js';

declare global {
  // Express's own extension point for per-request data.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in learner, set by the session middleware. */
      user?: User;
      /** The raw session token from the cookie, when signed in. */
      sessionToken?: string;
      /** The CSRF token that forms on this page must send back. */
      csrfToken?: string;
    }
  }
}

/** The signed-in user; throws 401 when there is none (routes behind requireUser never see that). */
export function currentUser(req: Request): User {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** Whether the client asked for JSON (API routes and fetch calls) rather than a page. */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.get('accept') ?? '').startsWith('application/json');
}
