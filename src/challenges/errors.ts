/**
 * Errors of the challenge use-cases: a stable `id` for code, an HTTP `status` for the web pages,
 * and a message written for the learner (the CLI prints it as it is).
 */
export class ChallengeError extends Error {
  constructor(
    readonly id: 'challenge-not-found' | 'attempt-not-started' | 'attempt-already-started',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ChallengeError';
  }
}

export const challengeNotFound = (id: string): ChallengeError =>
  new ChallengeError('challenge-not-found', 404, `There is no challenge called "${id}"`);

export const attemptNotStarted = (id: string): ChallengeError =>
  new ChallengeError('attempt-not-started', 409, `Challenge "${id}" has no sandbox yet — start it first`);

export const attemptAlreadyStarted = (id: string): ChallengeError =>
  new ChallengeError(
    'attempt-already-started',
    409,
    `Challenge "${id}" already has a sandbox — check it, or end it before starting again`,
  );
