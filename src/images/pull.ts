import type Docker from 'dockerode';
import { readProgress } from './docker-progress.js';
import { registryOf } from './recipe-graph.js';

/** How long a registry gets to start answering, and how long a whole pull may take. */
export interface PullTimeouts {
  answerMs: number;
  totalMs: number;
}

/** The default: a registry that has not answered in 10 s is treated as unreachable. */
export const DEFAULT_PULL_TIMEOUTS: PullTimeouts = { answerMs: 10_000, totalMs: 15 * 60_000 };

/** The result of one pull attempt; a failure is expected offline and only decides to build. */
export type PullOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Pulls images while remembering which registries failed, so an offline run tries each registry
 * once instead of waiting on it for every image.
 */
export class Puller {
  /** Registries that did not answer, with why; the reason is kept for debugging. */
  private readonly unreachable = new Map<string, string>();

  constructor(
    private readonly docker: Docker,
    private readonly timeouts: PullTimeouts = DEFAULT_PULL_TIMEOUTS,
  ) {}

  /** Pulls `reference`; resolves with why not when the registry does not hand it over. */
  async pull(reference: string, onLine: (line: string) => void): Promise<PullOutcome> {
    const registry = registryOf(reference);
    const earlier = this.unreachable.get(registry);
    if (earlier !== undefined) return { ok: false, reason: `${registry} unreachable (see the first pull)` };

    const abort = new AbortController();
    let answered = false;
    const waitForAnswer = setTimeout(() => abort.abort(), this.timeouts.answerMs);
    const waitForAll = setTimeout(() => abort.abort(), this.timeouts.totalMs);
    try {
      const stream = await this.docker.pull(reference, { abortSignal: abort.signal });
      await readProgress(stream, (message) => {
        // Once layers start coming the registry is reachable; only the overall limit applies.
        if (!answered && message.status !== undefined) {
          answered = true;
          clearTimeout(waitForAnswer);
        }
        if (message.status !== undefined && message.id === undefined) onLine(message.status);
      });
      return { ok: true };
    } catch (error) {
      const reason = abort.signal.aborted
        ? `no answer from ${registry} within ${answered ? this.timeouts.totalMs : this.timeouts.answerMs} ms`
        : firstLine(error);
      // "not found" means the registry answered; anything else (DNS, refused, timeout) means it did not.
      if (!/not found|manifest unknown|does not exist/i.test(reason)) this.unreachable.set(registry, reason);
      return { ok: false, reason };
    } finally {
      clearTimeout(waitForAnswer);
      clearTimeout(waitForAll);
    }
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim();
}
