import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';

/** A shell running under a TTY in a sandbox container, as a duplex byte stream. */
export interface ShellProcess {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
}

// bash where the image has it (the DinD image does), else sh. DOCKER_HOST is unset so that the
// learner's `docker` talks to the sandbox's own engine through its socket.
const SHELL = 'unset DOCKER_HOST; cd /root 2>/dev/null; if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi';

/** Starts a login shell in the container with a hijacked TTY (`docker exec -it`). */
export async function openShell(host: Docker, containerId: string, size: { cols: number; rows: number }): Promise<ShellProcess> {
  const exec = await host.getContainer(containerId).exec({
    Cmd: ['/bin/sh', '-c', SHELL],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color', 'PS1=\\u@sandbox:\\w\\$ '],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const resize = async (cols: number, rows: number) => {
    await exec.resize({ w: cols, h: rows });
  };
  // The shell starts at 80x24; tell it the browser's size straight away.
  await resize(size.cols, size.rows).catch(() => undefined);
  return { stream, resize };
}
