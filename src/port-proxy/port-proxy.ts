import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, badRequest } from '../errors/app-error.js';
import { requireSandboxAccess } from '../sandbox/isolated/access.js';
import { INNER_ENGINE_PORT } from '../sandbox/isolated/container-spec.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';
import type { SandboxRecord } from '../sandbox/isolated/sandbox-store.js';
import { requireUser } from '../web/session.js';

const PortSchema = z.coerce.number().int().min(1).max(65535);
const UPSTREAM_TIMEOUT_MS = 10_000;

// Hop-by-hop headers belong to one connection, not to the message (RFC 9110 §7.6.1).
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
// Deckhand's own credentials must never reach a learner's server: a sandbox could log them and
// sign in as whoever opened the page (the instructor, typically).
const PRIVATE_REQUEST = ['cookie', 'authorization', 'x-csrf-token', 'host'];
// What a learner's server may say about its response, and nothing else: an allow-list, because
// on Deckhand's origin headers such as Set-Cookie, Clear-Site-Data (signing the instructor out),
// Refresh or Link would act on Deckhand itself.
const RESPONSE_ALLOWED = new Set([
  'content-type', 'content-length', 'content-encoding', 'content-language', 'content-disposition',
  'content-range', 'accept-ranges', 'last-modified', 'etag', 'expires', 'vary', 'date', 'location',
]);

/**
 * The learner's page runs on Deckhand's origin, so it is rendered as a sandboxed document with
 * no scripts: it cannot read Deckhand's pages or act as the signed-in user. Static pages (what
 * the challenges publish) look the same.
 */
const PROXIED_CSP =
  "sandbox allow-popups; default-src 'self' data:; style-src 'self' 'unsafe-inline' data:; script-src 'none'; form-action 'none'";

function copyHeaders(headers: IncomingHttpHeaders, drop: readonly string[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || drop.includes(name) || HOP_BY_HOP.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Keeps a redirect inside the proxy: `/x` and `http://<sandbox>:<port>/x` become `<prefix>/x`, a
 * relative `x` stays relative. A redirect anywhere else is refused (undefined): followed from
 * Deckhand's origin it would make the proxy an open redirect.
 */
export function rewriteLocation(location: string, prefix: string, address: string, port: number): string | undefined {
  const own = `http://${address}:${port}`;
  const ownLocal = `http://localhost:${port}`;
  for (const origin of [own, ownLocal]) {
    if (location === origin || location.startsWith(`${origin}/`)) return prefix + (location.slice(origin.length) || '/');
  }
  if (location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/\\')) return prefix + location;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(location) && !/^[/\\]/.test(location)) return location;
  return undefined;
}

function proxy(sandboxes: IsolatedSandboxes, req: Request, res: Response, next: (error: unknown) => void): void {
  const record = res.locals.sandbox as SandboxRecord;
  const parsed = PortSchema.safeParse(req.params.port);
  if (!parsed.success) return next(badRequest('The port must be a whole number from 1 to 65535.'));
  const port = parsed.data;
  // The sandbox's own Docker API is for Deckhand only, never for a browser.
  if (port === INNER_ENGINE_PORT) return next(new AppError(403, 'forbidden', `Port ${INNER_ENGINE_PORT} is the sandbox's engine and is not proxied.`));
  if (!record.address || record.status !== 'ready') return next(new AppError(409, 'conflict', 'This sandbox is not ready yet.'));
  const prefix = `/sandboxes/${record.id}/ports/${port}`;
  if (!req.originalUrl.startsWith(`${prefix}/`)) return res.redirect(308, `${prefix}/${req.originalUrl.slice(prefix.length)}`);
  sandboxes.touch(record.id);

  const headers = copyHeaders(req.headers, PRIVATE_REQUEST);
  headers.host = `localhost:${port}`;
  headers['x-forwarded-prefix'] = prefix;
  const upstream = httpRequest({
    host: record.address,
    port,
    method: req.method,
    path: req.originalUrl.slice(prefix.length),
    headers,
    timeout: UPSTREAM_TIMEOUT_MS,
  });
  upstream.on('response', (answer) => {
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && RESPONSE_ALLOWED.has(name)) out[name] = value;
    if (typeof answer.headers.location === 'string') {
      const location = rewriteLocation(answer.headers.location, prefix, record.address ?? '', port);
      if (location === undefined) {
        answer.resume();
        return next(new AppError(502, 'bad_gateway', `The server on port ${port} redirects outside your sandbox; that is not followed.`));
      }
      out.location = location;
    }
    res.removeHeader('content-security-policy');
    res.writeHead(answer.statusCode ?? 502, { ...out, 'content-security-policy': PROXIED_CSP, 'cache-control': 'no-store' });
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (res.headersSent) return void res.destroy();
    const message =
      error.code === 'ECONNREFUSED'
        ? `Nothing answers on port ${port} in your sandbox. Is the port published (docker run -p ${port}:…)?`
        : error.message === 'timeout'
          ? `Port ${port} in your sandbox did not answer within ${UPSTREAM_TIMEOUT_MS / 1000} s.`
          : `Port ${port} in your sandbox could not be reached (${error.code ?? error.message}).`;
    next(new AppError(error.message === 'timeout' ? 504 : 502, 'bad_gateway', message));
  });
  // A body the parsers already read (JSON or a form) cannot be streamed again; send what is left.
  if (req.readableEnded) upstream.end();
  else req.pipe(upstream);
}

/**
 * `/sandboxes/:id/ports/:port/*`: HTTP to a port published inside the learner's sandbox, at
 * `<sandbox address>:<port>`, for the sandbox's learner and instructors only (others get 403).
 * Written on node:http: a proxy library would bring features (WebSockets, rewriting) we do not
 * want open to learners' servers.
 */
export function portProxyRoutes(sandboxes: IsolatedSandboxes): Router {
  const router = Router();
  router.all(['/sandboxes/:id/ports/:port', '/sandboxes/:id/ports/:port/*rest'], requireUser, requireSandboxAccess(sandboxes), (req, res, next) =>
    proxy(sandboxes, req, res, next),
  );
  return router;
}
