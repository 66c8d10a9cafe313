import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';

/**
 * A unix-socket relay in front of the Docker engine's socket. Cutting it makes the engine
 * unreachable for whoever talks through it — as if dockerd had stopped — without stopping the
 * engine the rest of the test suite shares; opening it again brings the engine "back".
 */
export class SocketRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly path: string,
    private readonly target = '/var/run/docker.sock',
  ) {}

  open(): Promise<void> {
    rmSync(this.path, { force: true });
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.path, resolve));
  }

  /** Stops accepting and drops every open connection. */
  cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
