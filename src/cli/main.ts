import { fileURLToPath } from 'node:url';
import { createChallengeService } from '../challenges/attempts.js';
import { ChallengeFormatError, loadChallenges } from '../challenges/load.js';
import { openDatabase } from '../db/database.js';
import { migrateDatabase } from '../db/migrate.js';
import { HostSandboxDriver, hostDocker } from '../sandbox/host-driver.js';
import { runChallengeCommand, USAGE } from './challenge-command.js';

const CHALLENGES_DIR = fileURLToPath(new URL('../../content/challenges', import.meta.url));

/**
 * `deckhand challenge ...` in host mode: attempts live in the SQLite file from DECKHAND_DB
 * (default ./data/deckhand.db), the sandbox is the local engine (DOCKER_HOST or the socket).
 */
async function main(argv: readonly string[]): Promise<number> {
  const [group, ...rest] = argv;
  if (group !== 'challenge') {
    console.log(USAGE);
    return 2;
  }
  let challenges;
  try {
    challenges = loadChallenges(process.env.DECKHAND_CHALLENGES ?? CHALLENGES_DIR);
  } catch (error) {
    if (!(error instanceof ChallengeFormatError)) throw error;
    console.error(error.message);
    return 1;
  }
  const db = openDatabase(process.env.DECKHAND_DB ?? './data/deckhand.db');
  try {
    migrateDatabase(db);
    const { docker, endpoint } = hostDocker();
    const driver = new HostSandboxDriver({
      docker,
      endpoint,
      protectTags: challenges.flatMap((challenge) => challenge.images),
    });
    const service = createChallengeService({ db, driver, challenges });
    return await runChallengeCommand(rest, service, (line) => console.log(line));
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
