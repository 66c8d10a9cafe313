import type Docker from 'dockerode';
import type { ContainerFacts, ExecOutcome, HttpOutcome, Snapshot } from './snapshot.js';

/** A check's verdict in plain words: what it wanted and what it saw. */
export interface Verdict {
  passed: boolean;
  expected: string;
  observed: string;
}

/** One graded check as the learner sees it; the hint is given only when the check failed. */
export interface CheckResult extends Verdict {
  id: string;
  describe: string;
  hint?: string;
}

/** What a live probe may use: the attempt's engine, and the host its published ports sit on. */
export interface LiveContext {
  docker: Docker;
  httpHost: string;
  /** Milliseconds a single probe may take before it counts as failed. */
  timeoutMs: number;
}

/**
 * One kind of check (Uptime Kuma's MonitorType shape). `evaluate` is pure: it reads only the
 * snapshot. Kinds that need more than inspect data (exec, HTTP) also `probe` the live engine;
 * collecting runs the probes first and stores their outcomes in the snapshot for `evaluate`.
 */
export interface CheckType<E> {
  readonly kind: string;
  evaluate(expect: E, snapshot: Snapshot, checkId: string): Verdict;
  /** Image references whose inspect data (and history) `evaluate` will need. */
  imagesNeeded?(expect: E): { tags: string[]; history: boolean };
  /** Network names whose details `evaluate` will need. */
  networksNeeded?(expect: E): string[];
  probe?(
    expect: E,
    snapshot: Snapshot,
    live: LiveContext,
  ): Promise<{ exec?: ExecOutcome; http?: HttpOutcome }>;
}

/** A container's name without Docker's leading slash. */
export function containerName(container: ContainerFacts): string {
  return container.Name.replace(/^\//, '');
}

/** Joins phrases as "a, b and c". */
export function listWords(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}
