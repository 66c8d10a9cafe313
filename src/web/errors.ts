import type { NextFunction, Request, Response } from 'express';
import { ChallengeError } from '../challenges/errors.js';
import { AppError } from '../errors/app-error.js';
import { SandboxError } from '../sandbox/errors.js';
import type { Logger } from '../logging/logger.js';
import { wantsJson } from './request-context.js';

/**
 * The one place errors become responses: JSON as `{ error: { id, message } }`, pages as the
 * error page — except a 401 on a page, which shows the sign-in form so the learner can go on.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(error);
    if (appError.status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    res.status(appError.status);
    if (wantsJson(req)) {
      res.json({ error: { id: appError.id, message: appError.message } });
    } else if (appError.status === 401) {
      res.render('login', { title: 'Sign in', error: appError.message, username: '', next: req.originalUrl });
    } else {
      res.render('error', { title: 'Something went wrong', status: appError.status, message: appError.message });
    }
  };
}

const SANDBOX_STATUS: Record<SandboxError['code'], number> = {
  'engine-unavailable': 503,
  'missing-image': 503,
  'setup-conflict': 409,
  'setup-failed': 502,
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // The challenge and sandbox layers speak to the CLI as well, so they have their own errors;
  // their messages are written for the learner and pass through unchanged.
  if (error instanceof ChallengeError) return new AppError(error.status, error.id, error.message);
  if (error instanceof SandboxError) return new AppError(SANDBOX_STATUS[error.code], error.code, error.message);
  // body-parser's errors carry a status: a body too large or malformed JSON is the client's fault.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: unknown }).type;
    const message = type === 'entity.too.large' ? 'The request body is too large.' : 'The request body could not be read.';
    return new AppError(status, 'bad_request', message);
  }
  return new AppError(500, 'internal', 'Something went wrong on the server; it has been logged.');
}
