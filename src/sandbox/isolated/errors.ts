import { AppError } from '../../errors/app-error.js';

/** A limit stopped a new sandbox; the message says which and what the learner can do. */
export class SandboxLimitError extends AppError {
  constructor(message: string) {
    super(429, 'sandbox_limit', message);
    this.name = 'SandboxLimitError';
  }
}

/** The sandbox could not be made ready; the message says what failed. */
export class SandboxStartError extends AppError {
  constructor(reason: string) {
    super(503, 'sandbox_start', `Your sandbox could not start: ${reason}. Try again, or ask your instructor.`);
    this.name = 'SandboxStartError';
  }
}

/** The learner's sandbox is gone (ended, expired or lost); a new one starts with the next challenge. */
export class SandboxGoneError extends AppError {
  constructor(message = 'This sandbox has ended. Start the challenge again to get a new one.') {
    super(410, 'sandbox_gone', message);
    this.name = 'SandboxGoneError';
  }
}
