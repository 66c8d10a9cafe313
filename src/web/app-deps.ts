import type { SessionService } from '../accounts/sessions.js';
import type { UserService } from '../accounts/users.js';
import type { ChallengeHub } from '../challenges/challenge-hub.js';
import type { ChallengeCatalog } from '../classes/challenge-catalog.js';
import type { Config } from '../config/config.js';
import type { ContentLibrary } from '../content/library.js';
import type { LiveSandboxes } from '../dashboard/live-sandboxes.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';

/** Everything the web app needs, built once by the entry point (or a test) and passed in. */
export interface AppDeps {
  db: Database;
  config: Config;
  clock: () => Date;
  logger: Logger;
  users: UserService;
  sessions: SessionService;
  /** The notes, compiled into cards; reloadable while the server runs. */
  content: ContentLibrary;
  /** The challenges and where each learner's attempts run. */
  challenges: ChallengeHub;
  /** The classroom's per-learner engines (isolated mode); undefined in host mode. */
  sandboxes?: IsolatedSandboxes;
  /** The instructor's live-sandboxes panel. */
  liveSandboxes: LiveSandboxes;
  /** The challenges a class can choose from. */
  challengeCatalog: ChallengeCatalog;
}
