/**
 * Errors the sandbox raises, each with a message a learner can act on. Callers show `message`
 * as it is; `code` lets a web page choose a status without matching on text.
 */
export class SandboxError extends Error {
  constructor(
    readonly code: 'engine-unavailable' | 'missing-image' | 'setup-conflict' | 'setup-failed',
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

/** No engine answered: challenges wait, reviews keep working. */
export class EngineUnavailableError extends SandboxError {
  constructor(readonly endpoint: string) {
    super(
      'engine-unavailable',
      `No Docker engine answered at ${endpoint} — start Docker to do challenges; reviews keep working`,
    );
    this.name = 'EngineUnavailableError';
  }
}

// Connection failures look like these whatever the transport (socket file, TCP, pipe).
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE']);

/** Whether an error from dockerode means the engine itself is not there. */
export function isEngineUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNREACHABLE.has(code);
}
