import { ConfigError, loadConfig } from './config/config.js';
import { openDatabase } from './db/database.js';
import { migrateDatabase } from './db/migrate.js';
import { createLogger } from './logging/logger.js';
import { createApp } from './web/app.js';
import { buildDeps } from './web/build-deps.js';
import { startJobs } from './jobs/jobs.js';

/** Entry point: configure, migrate, load content, listen, start background jobs. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databaseFile);
  const applied = migrateDatabase(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  const deps = buildDeps({ db, config, clock: () => new Date(), logger });
  await deps.content.reload();
  if (config.watchContent) deps.content.watch();
  const app = createApp(deps);
  const server = app.listen(config.port, config.host, () => {
    logger.info(`Deckhand is listening on http://${config.host}:${config.port}/`);
  });
  const jobs = startJobs(deps);
  const stop = () => {
    jobs.stop();
    deps.content.close();
    server.close(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
