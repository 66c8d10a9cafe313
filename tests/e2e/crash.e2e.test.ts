import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

const CARD_COUNT = 150;
const WORKERS = 6;
/** The server is killed once this many answers were acknowledged. */
const KILL_AFTER_ACKS = 120;

// Grade sequences per card: answers below 4 start SM-2's same-day drill, so a card takes one to
// four answers and the log holds new, drill and (after the drill) finished states.
const GRADE_PATTERNS: readonly (readonly number[])[] = [[5], [2, 4], [1, 3, 5], [4], [0, 2, 2, 4], [3, 5]];

interface Acknowledged {
  logId: number;
  cardId: string;
  quality: number;
}

/** A signed-in HTTP client: the session cookie and the CSRF token bound to it. */
interface Client {
  cookie: string;
  csrf: string;
}

function csrfFrom(html: string): string {
  const match = /name="csrf-token" content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
}

/** Creates the first account through the real set-up form, as a browser would. */
async function createFirstAccount(baseUrl: string): Promise<Client> {
  const form = await fetch(`${baseUrl}/setup`);
  const anonCookie = cookiesFrom(form);
  const body = new URLSearchParams({
    _csrf: csrfFrom(await form.text()),
    username: 'crash',
    password: 'correct horse battery',
    timeZone: 'UTC',
  });
  const created = await fetch(`${baseUrl}/setup`, { method: 'POST', body, headers: { cookie: anonCookie }, redirect: 'manual' });
  expect(created.status).toBe(303);
  const cookie = cookiesFrom(created);
  expect(cookie).toMatch(/dh_session=/);
  const page = await fetch(`${baseUrl}/review`, { headers: { cookie } });
  expect(page.status).toBe(200);
  return { cookie, csrf: csrfFrom(await page.text()) };
}

interface LogRow {
  id: number;
  card_id: string;
  quality: number;
  reps_before: number;
  ease_before: number;
  interval_before: number;
  due_before: string | null;
  drill_before: string | null;
  reps_after: number;
  ease_after: number;
  interval_after: number;
  due_after: string | null;
  drill_after: string | null;
  undone_at: number | null;
}

interface StateRow {
  card_id: string;
  repetitions: number;
  easiness: number;
  interval_days: number;
  due_day: string | null;
  drill_day: string | null;
}

// Answers go to whatever card the loop picks, new ones included: lift the daily new-card limit.
const CRASH_ENV = { DECKHAND_NEW_PER_DAY: '9999' };

describe('a crash of the server process', () => {
  let workspace: Workspace;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    workspace = createWorkspace(
      Array.from({ length: CARD_COUNT }, (_, i) => ({ prompt: `Crash question ${i + 1}?`, answer: `Crash answer ${i + 1}` })),
    );
  });

  afterAll(async () => {
    await server?.stop();
    workspace?.remove();
  });

  it('keeps every acknowledged answer, and each card state matches the last answer in the log', async () => {
    const first = await startServer({ workspace, env: CRASH_ENV });
    server = first;
    const client = await createFirstAccount(first.baseUrl);

    // The card ids come from the database the server just synced, read beside it (WAL allows it).
    const peek = new BetterSqlite3(workspace.databaseFile, { readonly: true });
    const cardIds = peek.prepare('SELECT id FROM cards ORDER BY position').pluck().all() as string[];
    peek.close();
    expect(cardIds).toHaveLength(CARD_COUNT);

    const acknowledged: Acknowledged[] = [];
    let inFlight = 0;
    let inFlightAtKill = -1;
    let failures = 0;
    let killing: Promise<void> | undefined;

    const answer = async (cardId: string, quality: number): Promise<void> => {
      inFlight += 1;
      try {
        const response = await fetch(`${first.baseUrl}/api/review/answer`, {
          method: 'POST',
          headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ cardId, quality, durationMs: 1_500 }),
        });
        const body = (await response.json()) as { saved?: boolean; logId?: unknown };
        // Only a complete 200 with saved and a log id counts as "the browser was told saved".
        if (response.status === 200 && body.saved === true && typeof body.logId === 'number') {
          acknowledged.push({ logId: body.logId, cardId, quality });
        } else {
          throw new Error(`answer refused before the crash: ${response.status} ${JSON.stringify(body)}`);
        }
      } finally {
        inFlight -= 1;
      }
      if (acknowledged.length >= KILL_AFTER_ACKS && !killing) {
        inFlightAtKill = inFlight;
        killing = first.kill();
      }
    };

    // Each worker owns its cards, so no two requests race on one card (that would be a 409,
    // which is right, but not what this test is about).
    const worker = async (index: number): Promise<void> => {
      for (let card = index; card < cardIds.length; card += WORKERS) {
        const cardId = cardIds[card] as string;
        for (const quality of GRADE_PATTERNS[card % GRADE_PATTERNS.length] ?? [5]) {
          try {
            await answer(cardId, quality);
          } catch (error) {
            if (!killing) throw error;
            failures += 1;
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)));

    expect(killing, 'the loop ran out of cards before the kill').toBeDefined();
    await killing;
    expect(inFlightAtKill, 'requests were in flight when the server was killed').toBeGreaterThan(0);
    expect(failures, 'requests failed because of the kill').toBeGreaterThan(0);

    server = await startServer({ workspace, env: CRASH_ENV });
    // The session was in SQLite too: the same cookie still works after the restart.
    const next = await fetch(`${server.baseUrl}/api/review/next`, { headers: { cookie: client.cookie } });
    expect(next.status).toBe(200);

    const db = new BetterSqlite3(workspace.databaseFile, { readonly: true });
    try {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      const logs = db.prepare('SELECT * FROM review_log ORDER BY id').all() as LogRow[];
      const byId = new Map(logs.map((row) => [row.id, row]));
      for (const ack of acknowledged) {
        const row = byId.get(ack.logId);
        expect(row, `acknowledged answer ${ack.logId} is in the log`).toBeDefined();
        expect({ cardId: row?.card_id, quality: row?.quality, undone: row?.undone_at }).toEqual({
          cardId: ack.cardId,
          quality: ack.quality,
          undone: null,
        });
      }
      // Answers may have been committed whose response never left the process; never fewer.
      expect(logs.length).toBeGreaterThanOrEqual(acknowledged.length);

      const states = new Map(
        (db.prepare('SELECT card_id, repetitions, easiness, interval_days, due_day, drill_day FROM card_states').all() as StateRow[]).map(
          (row) => [row.card_id, row],
        ),
      );
      // Node 20 has no Map.groupBy (the engines field allows it).
      const logsByCard = new Map<string, LogRow[]>();
      for (const row of logs) logsByCard.set(row.card_id, [...(logsByCard.get(row.card_id) ?? []), row]);
      expect(states.size).toBe(logsByCard.size);
      for (const [cardId, cardLogs] of logsByCard) {
        // Each answer started from the state the previous one left: no state write went missing.
        cardLogs.slice(1).forEach((row, i) => {
          const previous = cardLogs[i] as LogRow;
          expect([row.reps_before, row.ease_before, row.interval_before, row.due_before, row.drill_before]).toEqual([
            previous.reps_after,
            previous.ease_after,
            previous.interval_after,
            previous.due_after,
            previous.drill_after,
          ]);
        });
        const last = cardLogs.at(-1) as LogRow;
        expect(states.get(cardId), `state of ${cardId}`).toEqual({
          card_id: cardId,
          repetitions: last.reps_after,
          easiness: last.ease_after,
          interval_days: last.interval_after,
          due_day: last.due_after,
          drill_day: last.drill_after,
        });
      }
    } finally {
      db.close();
    }
  });
});
