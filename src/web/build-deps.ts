import type Docker from 'dockerode';
import { SessionService } from '../accounts/sessions.js';
import { UserService } from '../accounts/users.js';
import { ChallengeHub } from '../challenges/challenge-hub.js';
import type { Config } from '../config/config.js';
import { ContentLibrary } from '../content/library.js';
import { liveSandboxes } from '../dashboard/live-sandboxes.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { hostDocker } from '../sandbox/host-driver.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';
import { studyOptionsFor } from '../review/study-options.js';
import { learnerDay } from '../scheduler/day.js';
import type { AppDeps } from './app-deps.js';

export interface DepsInput {
  db: Database;
  config: Config;
  clock: () => Date;
  logger: Logger;
  /** The classroom's sandboxes in isolated mode; host mode when absent. */
  sandboxes?: IsolatedSandboxes;
  /** The local engine; by default DOCKER_HOST or the default socket. */
  engine?: { docker: Docker; endpoint: string };
}

/** Wires the services over one database; the entry point and the tests share this. */
export function buildDeps(input: DepsInput): AppDeps {
  const { docker, endpoint } = input.engine ?? hostDocker();
  const sandboxes = input.sandboxes;
  const users = new UserService(input.db);
  const challenges = new ChallengeHub({
    db: input.db,
    contentDir: input.config.contentDir,
    docker,
    endpoint,
    clock: input.clock,
    // The CLI's local learner has no account: the server's time zone stands in for theirs.
    today: (userId) =>
      userId === null
        ? learnerDay(input.clock(), input.config.timeZone, input.config.rolloverHour)
        : learnerDay(input.clock(), users.byId(userId)?.timeZone ?? input.config.timeZone, studyOptionsFor(input.db, userId, input.config).rolloverHour),
    driverFor: sandboxes
      ? (userId) => {
          // The CLI's local learner has no account and so no classroom sandbox.
          if (userId === null) throw new Error('isolated sandboxes belong to signed-in learners');
          return sandboxes.forLearner(userId);
        }
      : undefined,
  });
  return {
    ...input,
    users,
    sessions: new SessionService(input.db),
    content: new ContentLibrary(input.db, input.config.contentDir, input.clock, input.logger),
    challenges,
    liveSandboxes: liveSandboxes({ db: input.db, clock: input.clock, hub: challenges, sandboxes }),
    challengeCatalog: {
      list: () => challenges.list().map(({ id, title, topic }) => ({ id, title, topic })),
    },
  };
}
