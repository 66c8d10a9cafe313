import { SessionService } from '../accounts/sessions.js';
import { UserService } from '../accounts/users.js';
import type { Config } from '../config/config.js';
import { ContentLibrary } from '../content/library.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { AppDeps } from './app-deps.js';

/** Wires the services over one database; the entry point and the tests share this. */
export function buildDeps(input: { db: Database; config: Config; clock: () => Date; logger: Logger }): AppDeps {
  return {
    ...input,
    users: new UserService(input.db),
    sessions: new SessionService(input.db),
    content: new ContentLibrary(input.db, input.config.contentDir, input.clock, input.logger),
  };
}
