import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SessionService } from '../accounts/sessions.js';
import type { UserService } from '../accounts/users.js';
import type { Logger } from '../logging/logger.js';
import { sandboxRefusal } from '../sandbox/isolated/access.js';
import type { IsolatedSandboxes } from '../sandbox/isolated/sandbox-pool.js';
import { openShell } from './exec-shell.js';
import { HARD_FRAME_BYTES, parseClientFrame, type ClientFrame, type ServerFrame } from './frames.js';
import { CLOSE, TerminalSession } from './terminal-session.js';
import { sameOrigin, upgradeToken, userFromUpgrade, userOfSession } from './upgrade-auth.js';

/** How often an open terminal's session is checked again, unless told otherwise. */
const SESSION_RECHECK_MS = 30_000;

/** What the terminal endpoint needs; `AppDeps` plus the classroom's sandboxes. */
export interface TerminalDeps {
  sessions: SessionService;
  users: UserService;
  clock: () => Date;
  logger: Logger;
  sandboxes: IsolatedSandboxes;
}

const PATH = /^\/sandboxes\/([^/]+)\/terminal$/;
const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

// Refuses the handshake with a plain HTTP answer, as an express route would.
function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Serves `/sandboxes/:id/terminal`: a WebSocket (authenticated by the session cookie, Origin
 * checked against Host, the sandbox's learner or an instructor only) bridged to a `docker exec`
 * TTY in the sandbox container. Each (sandbox, user) pair has one shell that survives dropped
 * connections for the grace period. Returns `close()` for shutdown and tests.
 */
export function attachTerminalServer(
  server: Server,
  deps: TerminalDeps,
  options: { sessionRecheckMs?: number } = {},
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_BYTES });
  const shells = new Map<string, TerminalSession>();
  const starting = new Map<string, Promise<TerminalSession>>();
  const { config } = deps.sandboxes;

  const onEnded = (sandboxId: string) => {
    for (const session of shells.values()) if (session.sandboxId === sandboxId) session.close('Your sandbox has ended.', CLOSE.gone);
  };
  deps.sandboxes.on('ended', onEnded);

  const sessionFor = (key: string, sandboxId: string, containerId: string): Promise<TerminalSession> => {
    const existing = shells.get(key);
    if (existing && !existing.isClosed) return Promise.resolve(existing);
    let pending = starting.get(key);
    if (!pending) {
      pending = openShell(deps.sandboxes.host, containerId, { cols: 80, rows: 24 })
        .then((shell) => {
          const session = new TerminalSession(sandboxId, shell, {
            scrollbackBytes: config.scrollbackBytes,
            graceMs: config.terminalGraceMs,
            onClose: () => shells.get(key) === session && shells.delete(key),
            onInput: () => deps.sandboxes.touch(sandboxId),
          });
          shells.set(key, session);
          return session;
        })
        .finally(() => starting.delete(key));
      starting.set(key, pending);
    }
    return pending;
  };

  /**
   * The handshake checked the session once; a terminal can stay open for hours. Signing out, or
   * an instructor resetting the password (which ends every session), closes it within a minute.
   */
  const watchSession = (socket: WebSocket, token: string, userId: number) => {
    const timer = setInterval(() => {
      if (userOfSession(token, deps)?.id !== userId) socket.close(CLOSE.forbidden, 'signed out');
    }, options.sessionRecheckMs ?? SESSION_RECHECK_MS);
    timer.unref();
    socket.on('close', () => clearInterval(timer));
  };

  const connect = async (socket: WebSocket, key: string, sandboxId: string, containerId: string) => {
    const resumed = shells.has(key) && !shells.get(key)?.isClosed;
    // Listen at once: the browser sends its size straight after opening, before the shell exists.
    let session: TerminalSession | undefined;
    const early: ClientFrame[] = [];
    let gone = false;
    socket.on('message', (raw: Buffer, isBinary: boolean) => {
      const frame = parseClientFrame(raw, isBinary);
      if ('error' in frame) {
        const reply: ServerFrame = { type: 'error', message: frame.error };
        socket.send(JSON.stringify(reply));
      } else if (session) {
        void session.handle(frame);
      } else {
        early.push(frame);
      }
    });
    socket.on('close', () => {
      gone = true;
      session?.detach(socket);
    });
    try {
      session = await sessionFor(key, sandboxId, containerId);
    } catch (error) {
      deps.logger.warn({ err: error, sandbox: sandboxId }, 'could not open a shell in a sandbox');
      const frame: ServerFrame = { type: 'exit', message: 'Could not open a shell in your sandbox; it may have stopped.' };
      socket.send(JSON.stringify(frame));
      socket.close(CLOSE.gone, 'no shell');
      return;
    }
    session.attach(socket, resumed);
    for (const frame of early.splice(0)) await session.handle(frame);
    if (gone) session.detach(socket);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An upgrade listener runs outside express: anything it throws would end the whole process,
    // so a malformed request line or path is answered here instead.
    try {
      upgrade(req, socket, head);
    } catch (error) {
      deps.logger.debug({ err: error, url: req.url }, 'malformed terminal upgrade');
      refuse(socket, 400, 'That is not a terminal address.');
    }
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match) {
      // Someone else's upgrade path; only answer if nobody else listens for upgrades.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'There is no WebSocket here.');
      return;
    }
    if (!sameOrigin(req)) return refuse(socket, 403, 'The terminal can only be opened from this server’s own pages.');
    const user = userFromUpgrade(req, deps);
    const outcome = sandboxRefusal(user, decodeURIComponent(match[1] ?? ''), deps.sandboxes);
    if (!('record' in outcome)) return refuse(socket, outcome.status, outcome.message);
    const record = outcome.record;
    if (record.status !== 'ready' || !record.containerId || !user) return refuse(socket, 409, 'This sandbox is not ready yet.');
    const containerId = record.containerId;
    const token = upgradeToken(req) ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => deps.logger.debug({ err: error }, 'terminal socket error'));
      watchSession(ws, token, user.id);
      void connect(ws, `${record.id}:${user.id}`, record.id, containerId);
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    close() {
      server.off('upgrade', onUpgrade);
      deps.sandboxes.off('ended', onEnded);
      for (const session of shells.values()) session.close('The server is stopping.');
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
