import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { Database } from '../../src/db/database.js';

describe('the statement cache', () => {
  it('stays bounded when every query has a different shape, and keeps answering', () => {
    const raw = new BetterSqlite3(':memory:');
    const db = new Database(raw);
    db.run('CREATE TABLE t (x INTEGER)');
    db.run('INSERT INTO t (x) VALUES (?)', [1]);
    for (let i = 0; i < 1_500; i++) db.all(`SELECT x FROM t WHERE x = ? AND ${i} = ${i}`, [1]);
    const cached = (db as unknown as { statements: Map<string, unknown> }).statements;
    expect(cached.size).toBeLessThanOrEqual(1_000);
    expect(db.all<{ x: number }>('SELECT x FROM t WHERE x = ?', [1])).toEqual([{ x: 1 }]);
  });
});
