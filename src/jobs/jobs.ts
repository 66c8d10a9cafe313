import cron from 'node-cron';
import type { AppDeps } from '../web/app-deps.js';
import { backupDatabase } from './backup.js';

/** A background job: a name for the logs, a cron schedule, and the work. */
export interface Job {
  name: string;
  schedule: string;
  run: () => void | Promise<void>;
}

/** The server's jobs, declared in one list. */
export function serverJobs(deps: AppDeps): Job[] {
  return [
    {
      name: 'nightly-backup',
      schedule: deps.config.backup.schedule,
      run: () => {
        const { written, removed } = backupDatabase(deps.db, deps.config.backup.dir, deps.config.backup.keep, deps.clock());
        deps.logger.info({ written, removed }, 'database backed up');
      },
    },
    {
      name: 'purge-expired-sessions',
      schedule: '17 * * * *',
      run: () => {
        deps.sessions.purgeExpired(deps.clock().getTime());
      },
    },
  ];
}

/** Starts every job; a failing run is logged, never swallowed, and the next run still happens. */
export function startJobs(deps: AppDeps, jobs: Job[] = serverJobs(deps)): { stop: () => void } {
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          await job.run();
        } catch (error) {
          deps.logger.error({ err: error, job: job.name }, 'background job failed');
        }
      },
      { name: job.name, noOverlap: true },
    ),
  );
  return { stop: () => tasks.forEach((task) => void task.stop()) };
}
