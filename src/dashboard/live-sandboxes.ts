import type { ChallengeHub } from '../challenges/challenge-hub.js';
import { AttemptStore } from '../challenges/attempt-store.js';
import type { Database } from '../db/database.js';
import { notFound, unavailable } from '../errors/app-error.js';
import { SandboxError } from '../sandbox/errors.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';
import { SandboxStore } from '../sandbox/isolated/sandbox-store.js';

/** A sandbox (or a live challenge attempt) the instructor can see and end. */
export interface LiveSandbox {
  /** Opaque to the dashboard (`attempt-<n>` or `sandbox-<id>`); passed back to `end`. */
  id: string;
  userId: number;
  /** What is running: "isolated sandbox", or the challenge of a host-mode attempt. */
  label: string;
  startedAt: number;
  expiresAt: number | null;
}

/** The instructor's live-sandboxes panel. */
export interface LiveSandboxes {
  /** The live sandboxes of these learners, oldest first. */
  list(userIds: readonly number[]): LiveSandbox[];
  /** Ends one sandbox; rejects with a 404 AppError when it is not live. */
  end(id: string): Promise<void>;
}

const ATTEMPT_PREFIX = 'attempt-';
const SANDBOX_PREFIX = 'sandbox-';

/**
 * The panel over the real engine. Listing reads the database, which the attempts and the
 * classroom's sandbox manager keep current. Ending a host-mode attempt tears down what it created
 * (the learner's own End button); ending a classroom sandbox stops its container. Without the hub
 * or the sandbox manager (a test of the dashboard alone) ending only marks an attempt ended.
 */
export function liveSandboxes(input: { db: Database; clock: () => Date; hub?: ChallengeHub; sandboxes?: IsolatedSandboxes }): LiveSandboxes {
  const attempts = new AttemptStore(input.db);
  const store = new SandboxStore(input.db);
  const markEnded = (attemptId: number) => attempts.recordEnd(attemptId, input.clock().getTime());
  return {
    list(userIds) {
      const members = new Set(userIds);
      const fromAttempts = attempts.allLive().flatMap((attempt): LiveSandbox[] =>
        attempt.userId !== null && members.has(attempt.userId)
          ? [{ id: `${ATTEMPT_PREFIX}${attempt.id}`, userId: attempt.userId, label: attempt.challengeId, startedAt: attempt.startedAt, expiresAt: null }]
          : [],
      );
      const fromSandboxes = store.live().flatMap((record): LiveSandbox[] =>
        record.userId !== null && members.has(record.userId)
          ? [{ id: `${SANDBOX_PREFIX}${record.id}`, userId: record.userId, label: 'isolated sandbox', startedAt: record.createdAt, expiresAt: record.expiresAt }]
          : [],
      );
      return [...fromSandboxes, ...fromAttempts].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
    },

    async end(id) {
      if (id.startsWith(ATTEMPT_PREFIX)) {
        const attempt = attempts.byId(Number(id.slice(ATTEMPT_PREFIX.length)));
        if (!attempt || attempt.endedAt !== null) throw notFound('That sandbox has already ended.');
        // A challenge no longer in the content has nothing the server knows how to tear down.
        if (!input.hub?.list().some((challenge) => challenge.id === attempt.challengeId)) return markEnded(attempt.id);
        try {
          await input.hub.serviceFor(attempt.userId).end(attempt.userId, attempt.challengeId);
        } catch (error) {
          // An absent engine is worth retrying; a sandbox record that cannot be torn down at all
          // (its resources already gone) must still not stay "live" on the panel forever.
          if (error instanceof SandboxError && error.code === 'engine-unavailable') throw error;
          markEnded(attempt.id);
        }
        return;
      }
      if (id.startsWith(SANDBOX_PREFIX)) {
        if (!input.sandboxes) throw unavailable('Ending a classroom sandbox needs the sandbox manager, which this server has not started.');
        if (!(await input.sandboxes.end(id.slice(SANDBOX_PREFIX.length), 'ended by the instructor'))) {
          throw notFound('That sandbox has already ended.');
        }
        return;
      }
      throw notFound('That sandbox has already ended.');
    },
  };
}
