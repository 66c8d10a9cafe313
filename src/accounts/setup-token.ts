import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.js';
import { serverSecret } from '../db/settings.js';

/**
 * The first-run set-up token. A server that listens beyond loopback prints it on its console at
 * start, and /setup asks for it: without it, whoever reaches a fresh classroom server first (a
 * student, or a page using DNS rebinding) would become its instructor. It is kept in the database
 * so a restart prints the same link.
 */
export function setupToken(db: Database): string {
  return serverSecret(db, 'setup_token');
}

/** Whether `sent` is the set-up token, compared in constant time. */
export function isSetupToken(db: Database, sent: unknown): boolean {
  if (typeof sent !== 'string' || sent === '') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(setupToken(db));
  return a.length === b.length && timingSafeEqual(a, b);
}
