import type { NextFunction, Request, Response } from 'express';
import { normalizeHostName } from '../config/network.js';
import { AppError } from '../errors/app-error.js';

/**
 * Answers only to the host names the server is meant to have (DECKHAND_ALLOWED_HOSTS). A page on
 * `evil.example` whose name an attacker points at our address (DNS rebinding) sends
 * `Host: evil.example`, and is refused before it reaches /setup, /join or /login.
 */
export function allowedHostsOnly(allowed: readonly string[]) {
  const names = new Set(allowed.map(normalizeHostName));
  return (req: Request, _res: Response, next: NextFunction): void => {
    // Health checks (a load balancer, `docker healthcheck`) use whatever name they like; the
    // answer tells nothing and changes nothing.
    if (req.path === '/healthz') return next();
    // req.hostname drops the port (and reads X-Forwarded-Host only from a trusted proxy).
    const host = normalizeHostName(req.hostname ?? '');
    if (names.has(host)) return next();
    next(new AppError(421, 'unknown_host', `This server does not answer to the name "${host.slice(0, 100)}". Its administrator can add it to DECKHAND_ALLOWED_HOSTS.`));
  };
}

/**
 * Nothing Deckhand renders is kept in a cache: signed-in pages and CSV exports hold names, emails
 * and answers, and a shared classroom computer's browser (or a proxy) must not show them to the
 * next person. Static files, mounted before this, stay cacheable.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}
