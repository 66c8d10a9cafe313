import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logging/logger.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import { createApp } from '../../src/web/app.js';
import { buildDeps, type DepsInput } from '../../src/web/build-deps.js';

export interface TestClock {
  (): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

/** A clock the test moves by hand. */
export function fixedClock(iso = '2026-03-10T12:00:00Z'): TestClock {
  let now = new Date(iso).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (next) => {
    now = new Date(next).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TestApp {
  app: Express;
  db: Database;
  deps: AppDeps;
  clock: TestClock;
  config: Config;
}

/** The real app over an in-memory, fully migrated database, with a fixed clock. */
export function buildTestApp(
  env: Record<string, string> = {},
  clock: TestClock = fixedClock(),
  extra: Partial<Pick<DepsInput, 'engine' | 'sandboxes'>> = {},
): TestApp {
  const config = loadConfig({ DECKHAND_TIME_ZONE: 'UTC', DECKHAND_LOGIN_ATTEMPTS: '1000', ...env });
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const deps = buildDeps({ db, config, clock, logger: createLogger('silent'), ...extra });
  return { app: createApp(deps), db, deps, clock, config };
}

/** Inserts cards straight into the cards table (id = `c<n>`), in order. */
export function seedCards(db: Database, count: number, topic = 'Docker › Basics'): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `c${i}`;
    db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES (?, 'basic', ?, ?, ?, 'test.md', ?, ?, 0, 0)`,
      [id, topic, `Question ${i}?`, `Answer ${i}`, i, i],
    );
    ids.push(id);
  }
  return ids;
}

/** Reads the CSRF token from a page's meta tag. */
export function csrfFrom(html: string): string {
  const match = /name="csrf-token" content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

export interface SignedInAgent {
  agent: TestAgent;
  csrf: string;
}

/**
 * An agent (keeps cookies) signed in as `username`. The first account is made through the real
 * set-up form; later ones are created directly as students, then sign in through the form.
 */
export async function signIn(t: TestApp, username = 'ada', password = 'correct horse'): Promise<SignedInAgent> {
  const agent = request.agent(t.app);
  if (t.deps.users.count() === 0) {
    const page = await agent.get('/setup');
    await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), username, password, timeZone: 'UTC' }).expect(303);
  } else {
    try {
      await t.deps.users.create({ username, password, role: 'student', timeZone: 'UTC', now: t.clock().getTime() });
    } catch {
      // already exists: just sign in
    }
    const page = await agent.get('/login');
    await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), username, password }).expect(303);
  }
  const home = await agent.get('/');
  return { agent, csrf: csrfFrom(home.text) };
}
