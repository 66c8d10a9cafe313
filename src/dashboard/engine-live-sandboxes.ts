import type { ChallengeHub } from '../challenges/challenge-hub.js';
import type { Database } from '../db/database.js';
import { notFound } from '../errors/app-error.js';
import { AttemptStore } from '../challenges/attempt-store.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';
import { SandboxError } from '../sandbox/errors.js';
import { databaseLiveSandboxes, type LiveSandboxes } from './live-sandboxes.js';

/**
 * The live-sandboxes panel backed by the real engine: ending a host-mode attempt tears down what
 * it created (the same use-case as the learner's End button), ending a classroom sandbox stops
 * its container. Listing reads the database, which both keep current.
 */
export function engineLiveSandboxes(db: Database, clock: () => Date, hub: ChallengeHub, sandboxes?: IsolatedSandboxes): LiveSandboxes {
  const listing = databaseLiveSandboxes(db, clock);
  const attempts = new AttemptStore(db);
  return {
    list: (userIds) => listing.list(userIds),
    async end(id) {
      if (id.startsWith('attempt-')) {
        const attempt = attempts.byId(Number(id.slice('attempt-'.length)));
        if (!attempt || attempt.endedAt !== null) throw notFound('That sandbox has already ended.');
        // A challenge no longer in the content has nothing the server knows how to tear down.
        if (!hub.list().some((challenge) => challenge.id === attempt.challengeId)) return listing.end(id);
        try {
          await hub.serviceFor(attempt.userId).end(attempt.userId, attempt.challengeId);
        } catch (error) {
          // An absent engine is worth retrying; a sandbox record that cannot be torn down at all
          // (its resources already gone) must still not stay "live" on the panel forever.
          if (error instanceof SandboxError && error.code === 'engine-unavailable') throw error;
          await listing.end(id);
        }
        return;
      }
      if (id.startsWith('sandbox-') && sandboxes) {
        if (!(await sandboxes.end(id.slice('sandbox-'.length), 'ended by the instructor'))) {
          throw notFound('That sandbox has already ended.');
        }
        return;
      }
      await listing.end(id);
    },
  };
}
