import { createServer } from 'node:net';
import type Docker from 'dockerode';

/** Whether something on this machine already listens on the TCP port (any address). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/**
 * Warnings for the task's ports that are already taken, naming the container that holds one
 * when Docker knows it, so the learner can free it before an HTTP check probes the wrong server.
 */
export async function takenPortWarnings(
  ports: readonly number[],
  containers: readonly Docker.ContainerInfo[],
): Promise<string[]> {
  const warnings: string[] = [];
  for (const port of ports) {
    if (!(await portTaken(port))) continue;
    const holder = containers.find((c) => c.Ports.some((p) => p.PublicPort === port));
    const who = holder ? ` by container ${(holder.Names[0] ?? holder.Id).replace(/^\//, '')}` : '';
    warnings.push(`Port ${port} is already taken${who} — free it first, or this challenge's checks on port ${port} will fail`);
  }
  return warnings;
}
