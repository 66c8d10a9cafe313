import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/** The repository's `migrations/` folder, wherever the process was started from. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

const FILE_NAME = /^(\d+)_[\w-]+\.sql$/;

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql'));
  const migrations = files.map((name) => {
    const match = FILE_NAME.exec(name);
    if (!match?.[1]) throw new Error(`migrations/${name}: name must look like 001_what_it_does.sql`);
    return { version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
  });
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new Error(`migrations: two files share number ${migrations[i]?.version}`);
    }
  }
  return migrations;
}

/**
 * Applies every migration not yet recorded, in number order, each in its own transaction, so a
 * failing file leaves the database as it was before that file. Returns the names applied.
 */
export function migrateDatabase(db: Database, dir: string = MIGRATIONS_DIR): string[] {
  db.raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    db.all<{ version: number }>('SELECT version FROM schema_migrations').map((row) => row.version),
  );
  const done: string[] = [];
  for (const migration of readMigrations(dir)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.raw.exec(migration.sql);
      db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    });
    done.push(migration.name);
  }
  return done;
}
