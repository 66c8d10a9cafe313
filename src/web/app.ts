import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { serverSecret } from '../db/settings.js';
import { notFound } from '../errors/app-error.js';
import type { AppDeps } from './app-deps.js';
import { csrfProtection } from './csrf.js';
import { errorHandler } from './errors.js';
import { accountRoutes } from './routes/account-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { challengeRoutes } from './routes/challenge-routes.js';
import { contentRoutes } from './routes/content-routes.js';
import { draftsRoutes } from './routes/drafts-routes.js';
import { exportRoutes, importFormBody } from './routes/export-routes.js';
import { browseRoutes } from './routes/browse-routes.js';
import { homeRoutes } from './routes/home-routes.js';
import { instructorRoutes } from './routes/instructor-routes.js';
import { joinRoutes, requireChosenPassword } from './routes/join-routes.js';
import { quizRoutes } from './routes/quiz-routes.js';
import { reviewActionRoutes } from './routes/review-action-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { statsRoutes } from './routes/stats-routes.js';
import { allowedHostsOnly, noStore } from './security.js';
import { loadSession, requireSetUp } from './session.js';
import { portProxyRoutes } from '../port-proxy/port-proxy.js';
import { classroomSandboxes } from '../sandbox/isolated/classroom-deps.js';
import { terminalRoutes, xtermAssets } from '../terminal/terminal-routes.js';

export const VIEWS_DIR = fileURLToPath(new URL('../../views', import.meta.url));

/**
 * Builds the express app from its dependencies. Order matters: security headers → allowed Host →
 * static files → no-store → body and cookies → who is this → CSRF → routes → one error handler.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  // Express caches compiled templates only when NODE_ENV=production; Deckhand caches them always,
  // except in development (npm run dev), where an edited template shows on the next request.
  app.set('view cache', !deps.config.watchContent);
  // Off unless DECKHAND_TRUST_PROXY names the proxies: otherwise anyone could pick their address.
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
        },
      },
    }),
  );
  // Page defaults first, so that even an early rejection (CSRF) renders a full page.
  app.use((req, res, next) => {
    res.locals.path = req.path;
    res.locals.title = 'Deckhand';
    next();
  });
  app.use(allowedHostsOnly(deps.config.allowedHosts));
  app.use('/static', express.static(`${VIEWS_DIR}/static`, { maxAge: '1h', index: false }));
  app.use(noStore);
  app.use('/export/import', importFormBody);
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(express.json({ limit: '64kb' }));
  app.use(cookieParser());
  app.use(loadSession(deps.sessions, deps.users, deps.clock));
  app.use(csrfProtection(serverSecret(deps.db, 'csrf'), deps.config.secureCookies, ['/setup', '/login', '/join']));
  app.use(requireSetUp(deps.users));
  app.use(requireChosenPassword());

  app.use(authRoutes(deps));
  app.use(homeRoutes(deps));
  app.use(reviewRoutes(deps));
  app.use(reviewActionRoutes(deps));
  app.use(quizRoutes(deps));
  app.use(statsRoutes(deps));
  app.use(browseRoutes(deps));
  app.use(draftsRoutes(deps));
  app.use(contentRoutes(deps));
  app.use(joinRoutes(deps));
  app.use(accountRoutes(deps));
  app.use(exportRoutes(deps));
  app.use(instructorRoutes(deps));
  app.use(challengeRoutes(deps));

  app.use(xtermAssets());
  const sandboxes = classroomSandboxes(deps);
  if (sandboxes) {
    app.use(terminalRoutes(sandboxes));
    app.use(portProxyRoutes(sandboxes));
  }

  app.use((_req, _res, next) => next(notFound('There is no page here.')));
  app.use(errorHandler(deps.logger));
  return app;
}
