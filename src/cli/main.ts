import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateDatabase } from '../db/migrate.js';
import { createLogger } from '../logging/logger.js';
import { buildDeps } from '../web/build-deps.js';
import { runChallengeCommand, USAGE } from './challenge-command.js';

/**
 * `deckhand challenge ...` in host mode, with the server's own configuration (DECKHAND_DB,
 * DECKHAND_CONTENT_DIR, DOCKER_HOST …) and the same challenge hub the web pages use: attempts,
 * grading and SM-2 scheduling are one code path whichever way the learner works.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [group, ...rest] = argv;
  if (group !== 'challenge') {
    console.log(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const db = openDatabase(config.databaseFile);
  try {
    migrateDatabase(db);
    const { challenges } = buildDeps({ db, config, clock: () => new Date(), logger: createLogger('silent') });
    if (challenges.loadErrors().length > 0) {
      console.error(challenges.loadErrors().join('\n'));
      return 1;
    }
    return await runChallengeCommand(rest, challenges.serviceFor(null), (line) => console.log(line));
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
