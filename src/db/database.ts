import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseUnavailableError, fileProblemOf } from './errors.js';
import { DatabaseFileGuard } from './file-guard.js';

/** Positional (`?`) or named (`@name`) parameters of a prepared statement. */
export type SqlParams = readonly unknown[] | Record<string, unknown>;

export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

export type DatabaseHealth = { ok: true } | { ok: false; problem: string };

/**
 * A small typed wrapper over better-sqlite3. Every query goes through a prepared statement that
 * is cached by its SQL text, so hot paths (grading a card, building the queue) never re-parse.
 * Services own their SQL and map rows to objects; nothing else touches `raw`.
 *
 * With a file guard, every write checks before and after that the file is still there and
 * writable: a write that lands in a deleted file throws DatabaseUnavailableError (a 503), so no
 * caller reports it as saved. SQLite's own "cannot write" errors become the same error.
 */
const MAX_CACHED_STATEMENTS = 1_000;

export class Database {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly raw: BetterSqlite3.Database,
    private readonly guard?: DatabaseFileGuard,
  ) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is the first to go.
      this.statements.delete(sql);
      this.statements.set(sql, statement);
      return statement;
    }
    statement = this.raw.prepare(sql);
    this.statements.set(sql, statement);
    // Searches build their SQL from what a learner types; a bounded cache keeps that from
    // growing the server's memory without end, while the app's own fixed statements stay hot.
    if (this.statements.size > MAX_CACHED_STATEMENTS) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    return statement;
  }

  all<T>(sql: string, params: SqlParams = []): T[] {
    return this.bind(sql, params, (s, p) => s.all(...p)) as T[];
  }

  first<T>(sql: string, params: SqlParams = []): T | undefined {
    return this.bind(sql, params, (s, p) => s.get(...p)) as T | undefined;
  }

  run(sql: string, params: SqlParams = []): RunResult {
    return this.write(() => {
      const result = this.bind(sql, params, (s, p) => s.run(...p)) as BetterSqlite3.RunResult;
      return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
    });
  }

  /**
   * Runs `fn` in one transaction (nested calls become savepoints); a throw rolls it all back.
   * It begins IMMEDIATE: the write lock is taken up front, so a read-then-write transaction never
   * fails half-way with "database is locked" when another connection wrote in between.
   */
  transaction<T>(fn: () => T): T {
    return this.write(() => this.mapErrors(() => this.raw.transaction(fn).immediate()));
  }

  /** Whether the file is still there and writable, for /healthz. */
  health(): DatabaseHealth {
    const problem = this.guard?.problem();
    if (problem) return { ok: false, problem };
    try {
      this.raw.prepare('SELECT 1').get();
      return { ok: true };
    } catch (error) {
      return { ok: false, problem: fileProblemOf(error) ?? 'cannot be read' };
    }
  }

  close(): void {
    this.raw.close();
  }

  /** The outermost write checks the file before it starts and again once committed. */
  private write<T>(fn: () => T): T {
    const outermost = !this.raw.inTransaction;
    if (outermost) this.assertWritable();
    const result = fn();
    if (outermost) this.assertWritable();
    return result;
  }

  private assertWritable(): void {
    const problem = this.guard?.problem();
    if (problem) throw new DatabaseUnavailableError(problem);
  }

  private mapErrors<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      const problem = fileProblemOf(error);
      if (problem && !(error instanceof DatabaseUnavailableError)) throw new DatabaseUnavailableError(problem);
      throw error;
    }
  }

  private bind(
    sql: string,
    params: SqlParams,
    call: (statement: BetterSqlite3.Statement, args: unknown[]) => unknown,
  ): unknown {
    return this.mapErrors(() => {
      const statement = this.statement(sql);
      return call(statement, Array.isArray(params) ? [...params] : [params]);
    });
  }
}

/**
 * Opens (and creates) the SQLite file, guarded against deletion and chmod while open (the server
 * opens it through openServerDatabase, which adds the start-up checks). WAL lets readers run beside the one writer; with WAL,
 * `synchronous = NORMAL` keeps every committed transaction across a process crash (kill -9),
 * and only a power loss could drop the last few, which is the trade Anki and most servers make.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return new Database(raw, file === ':memory:' ? undefined : new DatabaseFileGuard(file));
}
