import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { User } from '../../accounts/users.js';
import { can } from '../../authz/policy.js';
import { forbidden, notFound, unauthorized } from '../../errors/app-error.js';
import type { IsolatedSandboxes } from './sandbox-pool.js';
import type { SandboxRecord } from './sandbox-store.js';

/** Sandbox ids are 16 lower-case hex digits; anything else is not one of ours. */
export const SandboxIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'is not a sandbox id');

/** Whether a user may open a sandbox: the policy's 'sandbox:use' (src/authz/policy.ts). */
export function canUseSandbox(user: Pick<User, 'id' | 'role'>, sandbox: Pick<SandboxRecord, 'userId'>): boolean {
  return can(user, 'sandbox:use', { ownerId: sandbox.userId });
}

/** Why a user may not use a sandbox, as an HTTP status and message; undefined when they may. */
export function sandboxRefusal(
  user: Pick<User, 'id' | 'role'> | undefined,
  id: string,
  sandboxes: IsolatedSandboxes,
): { status: 401 | 403 | 404; message: string } | { record: SandboxRecord } {
  if (!user) return { status: 401, message: 'Sign in to continue.' };
  const record = SandboxIdSchema.safeParse(id).success ? sandboxes.live(id) : undefined;
  // Another learner's sandbox and a missing one must not be told apart by a student.
  if (!record) return { status: user.role === 'instructor' ? 404 : 403, message: 'This sandbox is not yours, or it has ended.' };
  if (!canUseSandbox(user, record)) return { status: 403, message: 'This sandbox is not yours, or it has ended.' };
  return { record };
}

/**
 * Express middleware for `/sandboxes/:id/...`: the signed-in owner or an instructor goes on with
 * `res.locals.sandbox` set; anyone else gets 401/403/404 through the error handler.
 */
export function requireSandboxAccess(sandboxes: IsolatedSandboxes) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const outcome = sandboxRefusal(req.user, String(req.params.id ?? ''), sandboxes);
    if ('record' in outcome) {
      res.locals.sandbox = outcome.record;
      return next();
    }
    const make = { 401: unauthorized, 403: forbidden, 404: notFound }[outcome.status];
    next(make(outcome.status === 401 ? undefined : outcome.message));
  };
}
