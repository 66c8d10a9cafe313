import { pino, type Logger } from 'pino';

export type { Logger };

/** The server's structured logger (JSON lines on stdout; pino is fast and needs no set-up). */
export function createLogger(level: string): Logger {
  return pino({ level });
}
