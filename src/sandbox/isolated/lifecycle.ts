import type { Job } from '../../jobs/jobs.js';
import { SANDBOX_LABEL } from './container-spec.js';
import { removeSandboxContainer } from './sandbox-engine.js';
import type { IsolatedSandboxes } from './sandbox-pool.js';

/** What one reaper pass did. */
export interface ReapReport {
  expired: string[];
  idle: string[];
  lost: string[];
}

/**
 * Ends every sandbox past its time to live or idle longer than the idle timeout, then marks the
 * ones whose container died as lost and tops up the warm pool. `now` is explicit so tests need
 * no waiting.
 */
export async function reapExpiredSandboxes(sandboxes: IsolatedSandboxes, now: number): Promise<ReapReport> {
  const report: ReapReport = { expired: [], idle: [], lost: [] };
  for (const record of sandboxes.store.expired(now, now - sandboxes.config.idleMs)) {
    const reason = record.why === 'expired' ? 'its time to live ran out' : 'it was idle too long';
    if (await sandboxes.end(record.id, reason)) report[record.why].push(record.id);
  }
  report.lost = await sandboxes.detectLost();
  await sandboxes.fillWarmPool();
  return report;
}

/** What reconcile found at start-up. */
export interface ReconcileReport {
  /** Containers (and networks) with a sandbox label but no live record: removed. */
  removedOrphans: string[];
  /** Live records whose container was gone or stopped: closed as lost. */
  closedRecords: string[];
}

/**
 * Brings the host engine and the `sandboxes` table back in line after a crash or restart, by
 * labels: a labelled container or network without a live record is removed; a live record whose
 * container is gone (or stopped, or was still starting when the server went down) is closed.
 * Call it once at start-up, before serving.
 */
export async function reconcileSandboxes(sandboxes: IsolatedSandboxes): Promise<ReconcileReport> {
  const report: ReconcileReport = { removedOrphans: [], closedRecords: [] };
  const filters = { label: [SANDBOX_LABEL] };
  const [containers, networks] = await Promise.all([
    sandboxes.host.listContainers({ all: true, filters }),
    sandboxes.host.listNetworks({ filters }),
  ]);
  const live = new Map(sandboxes.store.live().map((record) => [record.id, record]));

  for (const record of live.values()) {
    const container = containers.find((c) => c.Id === record.containerId);
    // Nothing is starting in a process that has only just begun.
    const usable = record.status !== 'starting' && container?.State === 'running';
    if (!usable) {
      const why = record.status === 'starting' ? 'the server stopped while it started' : 'its container was gone when the server started';
      await sandboxes.end(record.id, why, record.status === 'starting' ? 'failed' : 'lost');
      live.delete(record.id);
      report.closedRecords.push(record.id);
    }
  }
  for (const container of containers) {
    const id = container.Labels[SANDBOX_LABEL] ?? '';
    if (live.has(id)) continue;
    await removeSandboxContainer(sandboxes.host, container.Id, null);
    report.removedOrphans.push(id);
  }
  for (const network of networks) {
    const id = network.Labels?.[SANDBOX_LABEL] ?? '';
    if (live.has(id)) continue;
    await removeSandboxContainer(sandboxes.host, null, network.Id);
    if (!report.removedOrphans.includes(id)) report.removedOrphans.push(id);
  }
  if (report.removedOrphans.length + report.closedRecords.length > 0) sandboxes.logger.info(report, 'sandboxes reconciled');
  return report;
}

/** The classroom's background jobs, for the server's job list (see src/jobs/jobs.ts). */
export function sandboxJobs(sandboxes: IsolatedSandboxes): Job[] {
  return [
    {
      name: 'reap-sandboxes',
      schedule: '* * * * *',
      run: async () => {
        const report = await reapExpiredSandboxes(sandboxes, sandboxes.now());
        const total = report.expired.length + report.idle.length + report.lost.length;
        if (total > 0) sandboxes.logger.info(report, 'sandboxes reaped');
      },
    },
  ];
}
