import Docker from 'dockerode';

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';
const PING_TIMEOUT_MS = 5_000;

/** Where dockerode will connect: `DOCKER_HOST` when set, else the default socket. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST?.trim();
  return host ? host : DEFAULT_SOCKET;
}

/** The message shown when nothing answers, telling the user what to do about it. */
export function engineUnreachableMessage(address: string, cause: string): string {
  return `no Docker engine answered at ${address}; start dockerd (${cause})`;
}

/**
 * Resolves with `docker` once its engine answered `/_ping`; rejects with
 * `engineUnreachableMessage` otherwise. The timeout matters for a TCP `DOCKER_HOST` whose packets
 * are dropped, which would otherwise hang instead of failing. The defaults are what dockerode
 * itself connects to (it reads `DOCKER_HOST`, so TLS and ssh settings keep working).
 */
export async function connectEngine(docker: Docker = new Docker(), address: string = engineAddress()): Promise<Docker> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
    return docker;
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(engineUnreachableMessage(address, cause));
  } finally {
    clearTimeout(timer);
  }
}

/** Whether dockerode failed because the engine answered 404 (no such image or container). */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 404;
}
