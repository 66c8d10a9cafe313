import { AppError } from '../errors/app-error.js';

/**
 * The database file can no longer take writes: deleted, replaced, made read-only, full or broken
 * while the server runs. A 503 whose message says what happened, so a learner is never told an
 * answer was saved when it went into a file nobody will read again.
 */
export class DatabaseUnavailableError extends AppError {
  constructor(readonly problem: string) {
    super(503, 'database_unavailable', `Nothing was saved: the server's database file ${problem}. Tell your instructor; try again once it is fixed.`);
  }
}

/** The database cannot be opened at start-up; the message is one line for the console. */
export class DatabaseStartError extends Error {}

/** SQLite result codes that mean "the file cannot be written or read any more", not "this query was wrong". */
const UNAVAILABLE = /^SQLITE_(READONLY|IOERR|CANTOPEN|FULL|CORRUPT|NOTADB)/;

/** The SQLite error code of a better-sqlite3 error, if it is one. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** A failure of the file itself (as opposed to a constraint or a syntax error), in words. */
export function fileProblemOf(error: unknown): string | undefined {
  const code = sqliteCode(error);
  if (!code || !UNAVAILABLE.test(code)) return undefined;
  if (code.startsWith('SQLITE_READONLY')) return 'is read-only';
  if (code === 'SQLITE_FULL') return 'is on a full disk';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'is damaged';
  return 'cannot be read or written';
}
