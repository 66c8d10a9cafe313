import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { CheckResult } from '../grader/check-type.js';
import { collectSnapshot } from '../grader/collect.js';
import { evaluateChecks } from '../grader/evaluate.js';
import type { SandboxDriver, TeardownReport } from '../sandbox/driver.js';
import { SandboxError } from '../sandbox/errors.js';
import { AttemptStore, type Attempt } from './attempt-store.js';
import { attemptAlreadyStarted, attemptNotStarted, challengeNotFound } from './errors.js';
import { recordChallengeGrade } from './challenge-schedule.js';
import { attemptQuality } from './quality.js';
import type { Challenge } from './schema.js';
import type { Day } from '../scheduler/day.js';

export interface ChallengeServiceDeps {
  db: Database;
  driver: SandboxDriver;
  challenges: readonly Challenge[];
  /** Unix milliseconds; tests pass a fixed clock. */
  now?: () => number;
  /**
   * The learner's day, for scheduling the challenge with SM-2 after its first pass or a give-up.
   * Without it (unit tests of the attempts alone) nothing is scheduled.
   */
  today?: (userId: number | null) => Day;
}

export interface StartOutcome {
  attempt: Attempt;
  warnings: string[];
}

export interface CheckOutcome {
  attempt: Attempt;
  results: CheckResult[];
  allPassed: boolean;
  /** This check was the attempt's first pass: the moment to schedule the challenge. */
  firstPass: boolean;
}

export interface HintOutcome {
  /** null when every hint has been given. */
  hint: string | null;
  /** 1-based number of this hint, and how many the challenge has. */
  number: number;
  total: number;
}

export interface ChallengeListItem {
  challenge: Challenge;
  latest: Attempt | undefined;
}

/** The challenge use-cases, shared by the CLI and the web pages. `userId` null is the CLI learner. */
export interface ChallengeService {
  list(userId: number | null): ChallengeListItem[];
  get(challengeId: string): Challenge;
  live(userId: number | null, challengeId: string): Attempt | undefined;
  start(userId: number | null, challengeId: string): Promise<StartOutcome>;
  check(userId: number | null, challengeId: string): Promise<CheckOutcome>;
  nextHint(userId: number | null, challengeId: string): HintOutcome;
  /** `gaveUp` is true when this call ended the attempt's chances (not after a pass). */
  giveUp(userId: number | null, challengeId: string): { attempt: Attempt; solution: string[]; gaveUp: boolean };
  end(userId: number | null, challengeId: string): Promise<{ attempt: Attempt; report: TeardownReport }>;
  /** Ends the live sandbox, if any, and starts a fresh one. */
  reset(userId: number | null, challengeId: string): Promise<StartOutcome>;
}

/** Builds the challenge use-cases over a database, a sandbox driver and the loaded challenges. */
export function createChallengeService(deps: ChallengeServiceDeps): ChallengeService {
  const store = new AttemptStore(deps.db);
  const now = deps.now ?? Date.now;
  const byId = new Map(deps.challenges.map((challenge) => [challenge.id, challenge]));

  const get = (challengeId: string): Challenge => {
    const challenge = byId.get(challengeId);
    if (!challenge) throw challengeNotFound(challengeId);
    return challenge;
  };
  const live = (userId: number | null, challengeId: string): Attempt => {
    get(challengeId);
    const attempt = store.live(userId, challengeId);
    if (!attempt) throw attemptNotStarted(challengeId);
    return attempt;
  };
  const reread = (attempt: Attempt): Attempt => store.byId(attempt.id) ?? attempt;
  /** SM-2 for the challenge, once per attempt: at its first pass, or when the learner gives up. */
  const schedule = (attempt: Attempt) => {
    if (!deps.today) return;
    const quality = attemptQuality(attempt);
    recordChallengeGrade(deps.db, { userId: attempt.userId, challengeId: attempt.challengeId, quality, today: deps.today(attempt.userId), now: now() });
  };

  const service: ChallengeService = {
    list(userId) {
      const latest = store.latestByChallenge(userId);
      return deps.challenges.map((challenge) => ({ challenge, latest: latest.get(challenge.id) }));
    },

    get,

    live(userId, challengeId) {
      get(challengeId);
      return store.live(userId, challengeId);
    },

    async start(userId, challengeId) {
      const challenge = get(challengeId);
      if (store.live(userId, challengeId)) throw attemptAlreadyStarted(challengeId);
      // A random key rather than the row id: labels must stay unique across databases and
      // servers sharing one engine.
      const started = await deps.driver.startAttempt(`${challengeId}-${randomUUID().slice(0, 8)}`, challenge);
      try {
        const attempt = store.insert(userId, challengeId, started.sandbox, now());
        return { attempt, warnings: started.warnings };
      } catch (error) {
        // Another request started the same challenge meanwhile: do not leak this sandbox.
        await deps.driver.endAttempt(started.sandbox).catch(() => undefined);
        if (store.live(userId, challengeId)) throw attemptAlreadyStarted(challengeId);
        throw error;
      }
    },

    async check(userId, challengeId) {
      const challenge = get(challengeId);
      const attempt = live(userId, challengeId);
      const snapshot = await collectSnapshot(deps.driver, challenge, attempt.sandbox).catch(async (error: unknown) => {
        // Say plainly that the engine is gone; the attempt stays live for when it returns.
        const status = await deps.driver.status();
        if (!status.reachable) throw new SandboxError('engine-unavailable', status.message);
        throw error;
      });
      const results = evaluateChecks(challenge, snapshot);
      const allPassed = results.every((result) => result.passed);
      const firstPass = store.recordCheck(attempt.id, allPassed, now());
      const after = reread(attempt);
      if (firstPass) schedule(after);
      return { attempt: after, results, allPassed, firstPass };
    },

    nextHint(userId, challengeId) {
      const challenge = get(challengeId);
      const attempt = live(userId, challengeId);
      const total = challenge.hints.length;
      const hint = challenge.hints[attempt.hintsUsed];
      if (hint === undefined) return { hint: null, number: total, total };
      store.recordHint(attempt.id);
      return { hint, number: attempt.hintsUsed + 1, total };
    },

    giveUp(userId, challengeId) {
      const challenge = get(challengeId);
      const attempt = live(userId, challengeId);
      const gaveUp = store.recordGiveUp(attempt.id);
      const after = reread(attempt);
      if (gaveUp) schedule(after);
      return { attempt: after, solution: challenge.solution, gaveUp };
    },

    async end(userId, challengeId) {
      const attempt = live(userId, challengeId);
      // Teardown first: if the engine is gone the attempt stays live, so ending can be retried.
      const report = await deps.driver.endAttempt(attempt.sandbox);
      store.recordEnd(attempt.id, now());
      return { attempt: reread(attempt), report };
    },

    async reset(userId, challengeId) {
      if (store.live(userId, challengeId)) await service.end(userId, challengeId);
      return service.start(userId, challengeId);
    },
  };
  return service;
}
