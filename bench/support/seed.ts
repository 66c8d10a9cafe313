import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { addDays, type Day } from '../../src/scheduler/day.js';
import { sm2, type Quality } from '../../src/scheduler/sm2.js';

/** What a seeded file holds; a file seeded with other parameters is thrown away and re-seeded. */
export interface SeedParams {
  learners: number;
  cards: number;
  /** Days of review history before today. */
  days: number;
  /** Bump when the generator changes, so old files are not reused by mistake. */
  version: number;
}

export interface SeedSummary {
  reused: boolean;
  seconds: number;
  reviewLogRows: number;
  cardStateRows: number;
  /** The day the history ends at (the learners' "today" when it was seeded). */
  today: Day;
}

const SETTINGS_KEY = 'bench.seed';
// Not a usable password: bench learners are signed in by sessions made directly.
const UNUSABLE_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const TOPICS = ['Docker › Images', 'Docker › Containers', 'Docker › Networking', 'Kubernetes › Pods', 'Kubernetes › Deployments'];

/** A small seeded PRNG (mulberry32): the same parameters give the same history every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A grade as learners give them: mostly 4 and 5, some 3, a few failures. */
function grade(rand: () => number): Quality {
  const r = rand();
  if (r < 0.3) return 5;
  if (r < 0.75) return 4;
  if (r < 0.9) return 3;
  if (r < 0.96) return 2;
  if (r < 0.99) return 1;
  return 0;
}

export function benchCardId(index: number): string {
  return createHash('sha256').update(`bench-card-${index}`).digest('hex').slice(0, 16);
}

function storedParams(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const db = openDatabase(file);
  try {
    const hasSettings = db.first("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'");
    return hasSettings ? db.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [SETTINGS_KEY])?.value : undefined;
  } finally {
    db.close();
  }
}

interface SimCard {
  index: number;
  repetitions: number;
  ease: number;
  interval: number;
  due: number;
  introduced: number;
  lastAnsweredAt: number;
}

/**
 * Seeds `file` with learners, cards and a realistic SM-2 history, or reuses it when it was
 * seeded with the same parameters. Learners study on most days, answer what is due and learn a
 * few new cards; each stopped a few days before today, so everyone has a backlog to review.
 */
export function seedDatabase(file: string, params: SeedParams, today: Day): SeedSummary {
  const started = performance.now();
  const key = JSON.stringify(params);
  if (storedParams(file) === key) {
    const db = openDatabase(file);
    // Migrations added since (an index, say) are applied to the seed once, not to every copy.
    migrateDatabase(db);
    const summary = {
      reused: true,
      seconds: (performance.now() - started) / 1000,
      reviewLogRows: db.first<{ n: number }>('SELECT max(id) AS n FROM review_log')?.n ?? 0,
      cardStateRows: db.first<{ n: number }>('SELECT count(*) AS n FROM card_states')?.n ?? 0,
      today: db.first<{ value: string }>("SELECT value FROM settings WHERE key = 'bench.today'")?.value ?? today,
    };
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return summary;
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

  const db = openDatabase(file);
  migrateDatabase(db);
  // Nothing here needs to survive a crash: a half-seeded file is re-seeded (it has no settings row).
  db.raw.pragma('synchronous = OFF');
  db.raw.pragma('cache_size = -262144');
  db.raw.pragma('temp_store = MEMORY');

  const createdAt = Date.parse(`${addDays(today, -params.days)}T00:00:00Z`);
  db.transaction(() => {
    const insertCard = db.raw.prepare(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES (?, 'basic', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < params.cards; i++) {
      const topic = TOPICS[i % TOPICS.length] ?? 'Docker';
      insertCard.run(
        benchCardId(i),
        topic,
        `Bench question ${i}: which command or flag does this describe, in a sentence of usual length?`,
        `Bench answer ${i}: docker run --rm -it --name example-${i} alpine:3.20 sh`,
        `bench/${topic.replace(/\W+/g, '-').toLowerCase()}.md`,
        i + 1,
        i,
        createdAt,
        createdAt,
      );
    }
    const insertUser = db.raw.prepare(
      `INSERT INTO users (id, username, display_name, password_hash, role, time_zone, created_at)
       VALUES (?, ?, ?, ?, ?, 'UTC', ?)`,
    );
    for (let u = 1; u <= params.learners; u++) {
      const name = `learner${String(u).padStart(3, '0')}`;
      insertUser.run(u, name, name, UNUSABLE_HASH, u === 1 ? 'instructor' : 'student', createdAt);
    }
  });

  const insertLog = db.raw.prepare(
    `INSERT INTO review_log (user_id, card_id, kind, quality, answered_at, day, duration_ms,
       reps_before, ease_before, interval_before, due_before, drill_before, introduced_before,
       reps_after, ease_after, interval_after, due_after, drill_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertState = db.raw.prepare(
    `INSERT INTO card_states (user_id, card_id, repetitions, easiness, interval_days, due_day, introduced_day,
                              drill_day, suspended, last_answered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)`,
  );

  // Day strings by index from the start of the history; intervals reach years past today.
  const dayNames: Day[] = [];
  const dayName = (index: number): Day => {
    let name = dayNames[index];
    if (name === undefined) {
      name = addDays(today, index - params.days);
      dayNames[index] = name;
    }
    return name;
  };
  const cardIds = Array.from({ length: params.cards }, (_, i) => benchCardId(i));

  for (let userId = 1; userId <= params.learners; userId++) {
    const rand = random(userId * 7919);
    const studyChance = 0.6 + rand() * 0.35;
    const newPerDay = 2 + Math.floor(rand() * 3);
    const lastStudyDay = params.days - 3 - Math.floor(rand() * 10);
    const cards: SimCard[] = [];
    const dueOn = new Map<number, SimCard[]>();
    const schedule = (card: SimCard) => {
      const list = dueOn.get(card.due);
      if (list) list.push(card);
      else dueOn.set(card.due, [card]);
    };
    let backlog: SimCard[] = [];

    db.transaction(() => {
      for (let day = 0; day <= lastStudyDay; day++) {
        backlog = backlog.concat(dueOn.get(day) ?? []);
        dueOn.delete(day);
        if (rand() > studyChance) continue;
        const dayStart = createdAt + day * 86_400_000 + 6 * 3_600_000;
        let at = dayStart + Math.floor(rand() * 12 * 3_600_000);
        const answer = (card: SimCard, kind: 'new' | 'review') => {
          const quality = grade(rand);
          const next = sm2({ repetitions: card.repetitions, easiness: card.ease / 100, interval: card.interval }, quality);
          const ease = Math.round(next.easiness * 100);
          const introduced = kind === 'new' ? day : card.introduced;
          const failed = quality < 4;
          at += 4_000 + Math.floor(rand() * 20_000);
          insertLog.run(
            userId, cardIds[card.index], kind, quality, at, dayName(day), 3_000 + Math.floor(rand() * 15_000),
            card.repetitions, card.ease, card.interval, kind === 'new' ? null : dayName(card.due), null,
            kind === 'new' ? null : dayName(card.introduced),
            next.repetitions, ease, next.interval, dayName(day + next.interval), failed ? dayName(day) : null,
          );
          Object.assign(card, { repetitions: next.repetitions, ease, interval: next.interval, due: day + next.interval, introduced });
          if (failed) {
            // SM-2 step 7: the card comes back the same day until it scores 4 or more.
            at += 30_000;
            insertLog.run(
              userId, cardIds[card.index], 'drill', 4, at, dayName(day), 5_000,
              card.repetitions, card.ease, card.interval, dayName(card.due), dayName(day), dayName(card.introduced),
              card.repetitions, card.ease, card.interval, dayName(card.due), null,
            );
          }
          card.lastAnsweredAt = at;
          schedule(card);
        };
        const due = backlog;
        backlog = [];
        for (const card of due) answer(card, 'review');
        for (let n = 0; n < newPerDay && cards.length < params.cards; n++) {
          const card: SimCard = { index: cards.length, repetitions: 0, ease: 250, interval: 0, due: day, introduced: day, lastAnsweredAt: 0 };
          cards.push(card);
          answer(card, 'new');
        }
      }
      for (const card of cards) {
        insertState.run(
          userId, cardIds[card.index], card.repetitions, card.ease, card.interval, dayName(card.due),
          dayName(card.introduced), card.lastAnsweredAt,
        );
      }
    });
  }

  db.run('INSERT INTO settings (key, value) VALUES (?, ?), (?, ?)', [SETTINGS_KEY, key, 'bench.today', today]);
  db.raw.pragma('synchronous = NORMAL');
  // No ANALYZE: the server never runs it, so the planner here must see what it sees in use.
  db.raw.pragma('wal_checkpoint(TRUNCATE)');
  const summary: SeedSummary = {
    reused: false,
    seconds: (performance.now() - started) / 1000,
    reviewLogRows: db.first<{ n: number }>('SELECT max(id) AS n FROM review_log')?.n ?? 0,
    cardStateRows: db.first<{ n: number }>('SELECT count(*) AS n FROM card_states')?.n ?? 0,
    today,
  };
  db.close();
  return summary;
}
