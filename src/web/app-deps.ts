import type { SessionService } from '../accounts/sessions.js';
import type { UserService } from '../accounts/users.js';
import type { Config } from '../config/config.js';
import type { ContentLibrary } from '../content/library.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';

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
}
