import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Positional (`?`) or named (`@name`) parameters of a prepared statement. */
export type SqlParams = readonly unknown[] | Record<string, unknown>;

export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

/**
 * A small typed wrapper over better-sqlite3. Every query goes through a prepared statement that
 * is cached by its SQL text, so hot paths (grading a card, building the queue) never re-parse.
 * Services own their SQL and map rows to objects; nothing else touches `raw`.
 */
export class Database {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly raw: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.raw.prepare(sql);
      this.statements.set(sql, statement);
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
    const result = this.bind(sql, params, (s, p) => s.run(...p)) as BetterSqlite3.RunResult;
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }

  /** Runs `fn` in one transaction (nested calls become savepoints); a throw rolls it all back. */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn)();
  }

  close(): void {
    this.raw.close();
  }

  private bind(
    sql: string,
    params: SqlParams,
    call: (statement: BetterSqlite3.Statement, args: unknown[]) => unknown,
  ): unknown {
    const statement = this.statement(sql);
    return call(statement, Array.isArray(params) ? [...params] : [params]);
  }
}

/**
 * Opens (and creates) the SQLite file. WAL lets readers run beside the one writer; with WAL,
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
  return new Database(raw);
}
