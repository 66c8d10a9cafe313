import { isIP } from 'node:net';
import { ConfigError, loadConfig } from './config/config.js';
import { isLoopbackHost } from './config/network.js';
import { setupToken } from './accounts/setup-token.js';
import { DatabaseStartError } from './db/errors.js';
import { openServerDatabase, type ServerDatabase } from './db/open-server-database.js';
import { createLogger } from './logging/logger.js';
import { createApp } from './web/app.js';
import { buildDeps } from './web/build-deps.js';
import { serverJobs, startJobs } from './jobs/jobs.js';
import { sandboxJobs } from './sandbox/isolated/lifecycle.js';
import { createClassroomSandboxes, prioritizeServer, startClassroomSandboxes } from './sandbox/isolated/classroom.js';
import { loadIsolatedConfig, type IsolatedConfig } from './sandbox/isolated/config.js';
import { attachTerminalServer } from './terminal/terminal-server.js';

/** Entry point: configure, migrate, load content, listen, start background jobs. */
async function main(): Promise<void> {
  let config;
  let sandboxConfig: IsolatedConfig;
  try {
    config = loadConfig();
    sandboxConfig = loadIsolatedConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let database: ServerDatabase;
  try {
    database = openServerDatabase({ file: config.databaseFile, backupDir: config.backup.dir, allowCreate: config.createDatabase });
  } catch (error) {
    // One line a person can act on, not a stack: what is wrong with which file, and the way back.
    if (error instanceof DatabaseStartError) {
      console.error(`Deckhand cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { db, applied } = database;
  if (database.created) logger.info({ file: config.databaseFile }, 'created a new, empty database');
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  const clock = () => new Date();
  // Isolated mode (a classroom): one Docker-in-Docker sandbox per learner; undefined in host mode.
  const sandboxes = createClassroomSandboxes(sandboxConfig, { db, clock, logger });
  if (sandboxes) prioritizeServer(logger);
  if (sandboxes && sandboxConfig.privilege !== 'none') {
    logger.warn(
      `Sandboxes run with DECKHAND_SANDBOX_PRIVILEGE=${sandboxConfig.privilege}: a student could take over this machine. ` +
        'Use a machine that holds nothing else, or sysbox-runc with DECKHAND_SANDBOX_PRIVILEGE=none (see the README).',
    );
  }
  const deps = buildDeps({ db, config, clock, logger, sandboxes });
  await deps.content.reload();
  if (config.watchContent) deps.content.watch();
  await startClassroomSandboxes(sandboxes);
  const app = createApp(deps);
  const server = app.listen(config.port, config.host, () => {
    logger.info(`Deckhand is listening on http://${config.host}:${config.port}/`);
    if (config.listensBeyondLoopback && deps.users.count() === 0) {
      // Printed, not logged: it must reach the person at the console whatever the log level.
      const wildcard = ['0.0.0.0', '::'].includes(config.host);
      const host = wildcard ? (config.allowedHosts.find((name) => isIP(name) === 4 && name !== '0.0.0.0' && !isLoopbackHost(name)) ?? 'localhost') : config.host;
      const origin = `http://${isIP(host) === 6 ? `[${host}]` : host}:${config.port}`;
      console.log(`Create the first (instructor) account at ${origin}/setup?token=${setupToken(db)}`);
    }
  });
  const terminals = sandboxes ? attachTerminalServer(server, { ...deps, sandboxes }) : undefined;
  const jobs = startJobs(deps, [...serverJobs(deps), ...(sandboxes ? sandboxJobs(sandboxes) : [])]);
  const stop = () => {
    jobs.stop();
    terminals?.close();
    deps.content.close();
    server.close(() => {
      database.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
