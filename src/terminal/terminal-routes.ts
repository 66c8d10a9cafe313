import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { requireSandboxAccess } from '../sandbox/isolated/access.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';
import type { SandboxRecord } from '../sandbox/isolated/sandbox-store.js';
import { currentUser, wantsJson } from '../web/request-context.js';
import { requireUser } from '../web/session.js';

const require = createRequire(import.meta.url);
// Resolved through node's own lookup, so a hoisted or nested node_modules both work.
const XTERM_DIR = dirname(require.resolve('@xterm/xterm/package.json'));
const FIT_DIR = dirname(require.resolve('@xterm/addon-fit/package.json'));

/**
 * The only files served from node_modules: the browser needs these three and nothing else. A Map,
 * not an object literal, so `constructor` or `__proto__` in the URL finds nothing rather than
 * something from Object's prototype.
 */
const VENDOR_FILES = new Map<string, string>([
  ['xterm.mjs', join(XTERM_DIR, 'lib', 'xterm.mjs')],
  ['xterm.css', join(XTERM_DIR, 'css', 'xterm.css')],
  ['addon-fit.mjs', join(FIT_DIR, 'lib', 'addon-fit.mjs')],
]);

/** `/vendor/xterm/<file>`: xterm.js served by Deckhand itself (no CDN; CSP is `'self'`). */
export function xtermAssets(): Router {
  const router = Router();
  router.get('/vendor/xterm/:file', (req, res, next) => {
    const path = VENDOR_FILES.get(String(req.params.file));
    if (!path) return next();
    // The app marks its responses no-store; these files change only with the package.
    res.removeHeader('Cache-Control');
    res.sendFile(path, { maxAge: '1d', headers: { 'X-Content-Type-Options': 'nosniff' } });
  });
  return router;
}

function sandboxJson(record: SandboxRecord) {
  return {
    id: record.id,
    status: record.status,
    expiresAt: record.expiresAt,
    terminal: `/sandboxes/${record.id}/terminal`,
    console: `/sandboxes/${record.id}/console`,
    ports: `/sandboxes/${record.id}/ports/`,
  };
}

/**
 * The learner's own sandbox outside a challenge: `POST /sandboxes` gets (or starts) it,
 * `GET /sandboxes/:id/console` is a page with only the terminal, `POST /sandboxes/:id/end` ends
 * it. Owner or instructor only (`requireSandboxAccess`).
 */
export function terminalRoutes(sandboxes: IsolatedSandboxes): Router {
  const router = Router();

  router.post('/sandboxes', requireUser, async (req, res) => {
    const record = await sandboxes.acquire(currentUser(req).id);
    if (wantsJson(req)) return void res.status(201).json({ sandbox: sandboxJson(record) });
    res.redirect(303, `/sandboxes/${record.id}/console`);
  });

  router.get('/sandboxes/:id/console', requireUser, requireSandboxAccess(sandboxes), (_req, res) => {
    const record = res.locals.sandbox as SandboxRecord;
    res.render('partials/terminal', { title: 'Sandbox terminal', sandboxId: record.id, standalone: true });
  });

  router.post('/sandboxes/:id/end', requireUser, requireSandboxAccess(sandboxes), async (req, res) => {
    const record = res.locals.sandbox as SandboxRecord;
    const user = currentUser(req);
    await sandboxes.end(record.id, user.id === record.userId ? 'ended by its learner' : `ended by ${user.username}`);
    if (wantsJson(req)) return void res.json({ ended: record.id });
    res.redirect(303, '/');
  });
  return router;
}

