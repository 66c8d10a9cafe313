import type Docker from 'dockerode';
import type { Challenge } from '../challenges/schema.js';

/**
 * What existed on the engine when the attempt started. In host mode the learner's own machine
 * holds containers and images Deckhand must never grade or remove; anything not listed here
 * (or labelled with the attempt) belongs to the attempt.
 */
export interface AttemptBaseline {
  containers: string[];
  images: string[];
  /** Normalised `name:tag` references. */
  tags: string[];
  volumes: string[];
  networks: string[];
}

/**
 * Everything needed to reach an attempt's sandbox again, even from another process (the CLI
 * starts in one run and checks in the next): plain JSON, stored with the attempt.
 */
export interface SandboxRef {
  driver: 'host' | 'isolated';
  /** The value of the `deckhand.attempt` label on everything the sandbox creates. */
  attemptKey: string;
  challengeId: string;
  startedAt: number;
  baseline: AttemptBaseline;
  /** Driver-specific details (an isolated sandbox's container id and address, for instance). */
  details?: Record<string, string>;
}

export interface StartedSandbox {
  sandbox: SandboxRef;
  /** Plain-words warnings for the learner, such as a port the task needs being taken. */
  warnings: string[];
}

export interface TeardownReport {
  removed: { containers: string[]; volumes: string[]; networks: string[]; images: string[] };
  /** What could not be removed, in plain words; teardown carries on past each failure. */
  problems: string[];
}

export type EngineStatus =
  | { reachable: true; endpoint: string; version: string }
  | { reachable: false; endpoint: string; message: string };

/**
 * A place where a learner does challenges. Host mode uses the local engine; the classroom adds
 * an isolated engine per learner behind the same interface, so the grader and the use-cases never
 * know which one they talk to.
 */
export interface SandboxDriver {
  readonly kind: 'host' | 'isolated';
  /** Whether the engine answers; never throws. */
  status(): Promise<EngineStatus>;
  /** Records the baseline and creates the challenge's setup, labelled with `attemptKey`. */
  startAttempt(attemptKey: string, challenge: Challenge): Promise<StartedSandbox>;
  /** The dockerode client that grades this sandbox. */
  docker(sandbox: SandboxRef): Docker;
  /** The host on which the sandbox's published ports answer (host mode: 127.0.0.1). */
  httpBase(sandbox: SandboxRef): string;
  /** Removes what Deckhand and the learner created during the attempt, and nothing else. */
  endAttempt(sandbox: SandboxRef): Promise<TeardownReport>;
}
