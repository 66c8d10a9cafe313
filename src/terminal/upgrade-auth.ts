import type { IncomingMessage } from 'node:http';
import type { SessionService } from '../accounts/sessions.js';
import type { User, UserService } from '../accounts/users.js';
import { SESSION_COOKIE } from '../web/session.js';

/** The value of one cookie from a raw `Cookie` header (upgrades skip express's cookie parser). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Whether the page that opened the socket is ours. Browsers always send Origin on a WebSocket
 * handshake and cookies ride along whatever the origin, so without this check any site could
 * open a learner's shell with the learner's cookie (cross-site WebSocket hijacking).
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

type AuthDeps = { sessions: SessionService; users: UserService; clock: () => Date };

/**
 * The signed-in user behind an upgrade request's session cookie, or undefined. A user who still
 * has to replace a one-time password gets no shell, as they get no page.
 */
export function userFromUpgrade(req: IncomingMessage, deps: AuthDeps): User | undefined {
  const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return token === undefined ? undefined : userOfSession(token, deps);
}

/** The session token an upgrade request carries, to check again while the socket stays open. */
export function upgradeToken(req: IncomingMessage): string | undefined {
  return cookieValue(req.headers.cookie, SESSION_COOKIE);
}

/** The user of a live session, or undefined when it ended (signed out, reset by an instructor). */
export function userOfSession(token: string, deps: AuthDeps): User | undefined {
  const userId = deps.sessions.userIdFor(token, deps.clock().getTime());
  const user = userId === undefined ? undefined : deps.users.byId(userId);
  return user && !user.mustChangePassword ? user : undefined;
}
