import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from './frames.js';
import type { ShellProcess } from './exec-shell.js';

/** Close codes the browser script understands. */
export const CLOSE = { normal: 1000, replaced: 4000, forbidden: 4403, gone: 4410 } as const;

function send(socket: WebSocket | undefined, frame: ServerFrame): void {
  if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/**
 * One learner's shell in one sandbox, outliving its WebSocket: when the connection drops the
 * shell keeps running for a grace period, and a reconnect gets the same shell back with the
 * recent output replayed from a bounded scrollback, so a flaky Wi-Fi never loses work.
 */
export class TerminalSession {
  private socket: WebSocket | undefined;
  private readonly scrollback: string[] = [];
  private scrollbackSize = 0;
  private graceTimer: NodeJS.Timeout | undefined;
  private closed = false;
  // Frames apply in the order they came: a resize (an engine call) finishes before later input.
  private pending: Promise<void> = Promise.resolve();

  constructor(
    readonly sandboxId: string,
    private readonly shell: ShellProcess,
    private readonly options: { scrollbackBytes: number; graceMs: number; onClose: () => void; onInput: () => void },
  ) {
    const decoder = new StringDecoder('utf8');
    shell.stream.on('data', (chunk: Buffer) => this.output(decoder.write(chunk)));
    shell.stream.on('end', () => this.close('The shell exited.'));
    shell.stream.on('close', () => this.close('The shell exited.'));
    shell.stream.on('error', () => this.close('The connection to the shell broke.'));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Attaches a (new) browser connection; an older one is told it was replaced. */
  attach(socket: WebSocket, resumed: boolean): void {
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    if (this.socket && this.socket !== socket) this.socket.close(CLOSE.replaced, 'opened elsewhere');
    this.socket = socket;
    send(socket, { type: 'hello', sandboxId: this.sandboxId, resumed });
    if (resumed && this.scrollback.length > 0) send(socket, { type: 'output', data: this.scrollback.join('') });
  }

  /** The connection went away: keep the shell for the grace period, then end it. */
  detach(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    if (this.closed) return;
    this.graceTimer = setTimeout(() => this.close('The terminal was left unattended.'), this.options.graceMs);
    this.graceTimer.unref();
  }

  handle(frame: ClientFrame): Promise<void> {
    this.pending = this.pending.then(async () => {
      if (this.closed) return;
      if (frame.type === 'input') {
        this.options.onInput();
        this.shell.stream.write(frame.data);
      } else {
        await this.shell.resize(frame.cols, frame.rows).catch(() => undefined);
      }
    });
    return this.pending;
  }

  /** Ends the shell and tells the attached browser why. Safe to call more than once. */
  close(message: string, code: number = CLOSE.normal): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    send(this.socket, { type: 'exit', message });
    this.socket?.close(code, message.slice(0, 100));
    this.socket = undefined;
    this.shell.stream.destroy();
    this.options.onClose();
  }

  private output(data: string): void {
    if (data.length === 0) return;
    this.scrollback.push(data);
    this.scrollbackSize += Buffer.byteLength(data);
    // Drop the oldest output beyond the bound; the last chunk is kept whole even if larger.
    while (this.scrollbackSize > this.options.scrollbackBytes && this.scrollback.length > 1) {
      this.scrollbackSize -= Buffer.byteLength(this.scrollback.shift() ?? '');
    }
    send(this.socket, { type: 'output', data });
  }
}
