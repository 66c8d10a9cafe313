import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDecision, writeEdit } from '../../src/drafts/card-overrides.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { guidForCard } from '../../src/export/anki-notes.js';
import { buildPackage, collectionCreation, minutesWest, MODEL_ID } from '../../src/export/anki-package.js';
import { saveImportedNotes } from '../../src/export/imported-cards.js';
import { readLearnerExport } from '../../src/export/learner-export.js';
import { setSuspended } from '../../src/browse/suspend.js';
import { learnerDay } from '../../src/scheduler/day.js';
import { recordAnswer, undoLastAnswer } from '../../src/review/answer.js';
import type { Quality } from '../../src/scheduler/sm2.js';
import { seedCards } from '../support/app.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function setUp(): { db: Database; ada: number; bob: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const user = (name: string) =>
    db.run(
      "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)",
      [name, name],
    ).lastInsertRowid;
  const ada = user('ada');
  const bob = user('bob');
  seedCards(db, 4, 'Containers with Docker › Images');
  db.run("UPDATE cards SET created_at = 1767225600000 + position WHERE id <> 'c4'");
  return { db, ada, bob };
}

const answer = (db: Database, userId: number, cardId: string, quality: Quality, today: string, hour = 12) =>
  recordAnswer(db, { userId, cardId, quality, today, now: Date.parse(`${today}T${String(hour).padStart(2, '0')}:00:00Z`), durationMs: 4200 });

/** Unzips the package into a temp folder and opens the collection with better-sqlite3. */
function openPackage(apkg: Uint8Array): { collection: BetterSqlite3.Database; files: string[]; media: string } {
  const entries = unzipSync(apkg);
  const folder = mkdtempSync(join(tmpdir(), 'deckhand-apkg-'));
  folders.push(folder);
  const file = join(folder, 'collection.anki2');
  const bytes = entries['collection.anki2'];
  if (!bytes) throw new Error('no collection.anki2 in the package');
  writeFileSync(file, bytes);
  const collection = new BetterSqlite3(file, { readonly: true });
  return { collection, files: Object.keys(entries).sort(), media: strFromU8(entries.media ?? new Uint8Array()) };
}

const exportOf = (db: Database, userId: number, now = Date.parse('2026-03-12T12:00:00Z')) =>
  buildPackage({ data: readLearnerExport(db, userId), today: '2026-03-12', now, timeZone: 'UTC', rolloverHour: 4 });

describe('the .apkg', () => {
  it('puts the collection’s creation inside the learner’s first day, in their time zone', () => {
    // 20:00 UTC is already the next morning in Auckland: the learner's today is 2026-03-13.
    const now = Date.parse('2026-03-12T20:00:00Z');
    expect(learnerDay(new Date(now), 'Pacific/Auckland', 4)).toBe('2026-03-13');
    const crt = collectionCreation('2026-03-10', '2026-03-13', now);
    expect(learnerDay(new Date(crt * 1000), 'Pacific/Auckland', 4)).toBe('2026-03-10');
    // Anki's v1 count of whole days since crt agrees at the moment of export.
    expect(Math.floor((now / 1000 - crt) / 86_400)).toBe(3);
    // Auckland is 13 hours east of UTC in March (daylight saving time), New York 4 or 5 hours west.
    expect(minutesWest('Pacific/Auckland', crt)).toBe(-780);
    expect(minutesWest('America/New_York', Date.parse('2026-01-15T12:00:00Z') / 1000)).toBe(300);
    expect(minutesWest('UTC', crt)).toBe(0);
  });

  it('holds a schema 11 collection with the learner’s notes, cards and review log', () => {
    const { db, ada, bob } = setUp();
    answer(db, ada, 'c1', 5, '2026-03-10');
    answer(db, ada, 'c1', 4, '2026-03-11');
    answer(db, ada, 'c2', 1, '2026-03-10');
    answer(db, bob, 'c3', 5, '2026-03-10');
    writeEdit(db, ada, 'c2', { prompt: 'My own <question>?', answer: 'Mine\nsecond line', acceptedAnswers: [] }, 0);
    writeDecision(db, ada, 'c4', 'rejected', 0);

    const { collection, files, media } = openPackage(exportOf(db, ada));
    expect(files).toEqual(['collection.anki2', 'media']);
    expect(media).toBe('{}');
    const col = collection.prepare('SELECT crt, ver, conf, models, decks FROM col').get() as { crt: number; ver: number; conf: string; models: string; decks: string };
    expect(col.ver).toBe(11);
    expect(JSON.parse(col.conf)).toMatchObject({ schedVer: 2, creationOffset: 0, rollover: 4 });
    // Two days before the export (the first answer was on 2026-03-10): Anki's today in the
    // package is day 2, the learner's 2026-03-12.
    expect(col.crt).toBe(Date.parse('2026-03-10T12:00:00Z') / 1000);
    expect(Math.floor((Date.parse('2026-03-12T12:00:00Z') / 1000 - col.crt) / 86_400)).toBe(2);

    const models = JSON.parse(col.models) as Record<string, { name: string; flds: { name: string }[]; tmpls: { qfmt: string }[] }>;
    const model = models[String(MODEL_ID)];
    expect(model?.name).toBe('Deckhand');
    expect(model?.flds.map((field) => field.name)).toEqual(['Front', 'Back', 'Source']);
    expect(model?.tmpls[0]?.qfmt).toBe('{{Front}}');
    const deckNames = Object.values(JSON.parse(col.decks) as Record<string, { name: string }>).map((deck) => deck.name).sort();
    expect(deckNames).toEqual(['Deckhand', 'Deckhand::Containers with Docker', 'Deckhand::Containers with Docker::Images', 'Default']);

    // c4 is rejected: three notes, one card each.
    const notes = collection.prepare('SELECT id, guid, mid, flds, tags FROM notes ORDER BY id').all() as { id: number; guid: string; mid: number; flds: string; tags: string }[];
    expect(notes.map((note) => note.guid)).toEqual(['c1', 'c2', 'c3'].map(guidForCard));
    expect(notes.every((note) => note.mid === MODEL_ID)).toBe(true);
    expect(notes[0]?.flds.split('\x1f')).toEqual(['Question 1?', 'Answer 1', 'test.md:1']);
    expect(notes[1]?.flds.split('\x1f')).toEqual(['My own &lt;question&gt;?', 'Mine<br>second line', 'test.md:2']);
    expect(notes[0]?.tags).toBe(' deckhand deckhand::basic ');
    expect(collection.prepare('SELECT count(*) AS n FROM cards').get()).toEqual({ n: 3 });

    const cards = collection.prepare('SELECT nid, type, queue, due, ivl, factor, reps, lapses FROM cards ORDER BY nid').all();
    expect(cards).toEqual([
      // c1: 5 then 4 → n = 2, I = 6, EF 2.6 → 2.6; due 2026-03-17 = day 7 of the collection.
      { nid: notes[0]?.id, type: 2, queue: 2, due: 7, ivl: 6, factor: 2600, reps: 2, lapses: 0 },
      // c2: failed as a new card → I = 1, EF 1.96, due tomorrow (day 1); not a lapse (it had no interval).
      { nid: notes[1]?.id, type: 2, queue: 2, due: 1, ivl: 1, factor: 1960, reps: 1, lapses: 0 },
      // c3: only Bob answered it; for Ada it is new, first in the new queue.
      { nid: notes[2]?.id, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 },
    ]);

    const revlog = collection.prepare('SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id').all();
    expect(revlog).toEqual([
      { id: Date.parse('2026-03-10T12:00:00Z'), cid: notes[0]?.id, ease: 4, ivl: 1, lastIvl: 0, factor: 2600, time: 4200, type: 0 },
      { id: Date.parse('2026-03-10T12:00:00Z') + 1, cid: notes[1]?.id, ease: 1, ivl: 1, lastIvl: 0, factor: 1960, time: 4200, type: 0 },
      { id: Date.parse('2026-03-11T12:00:00Z'), cid: notes[0]?.id, ease: 3, ivl: 6, lastIvl: 1, factor: 2600, time: 4200, type: 1 },
    ]);
    collection.close();
  });

  it('keeps GUIDs and ids across two exports, and a lapse and a suspension show', () => {
    const { db, ada } = setUp();
    answer(db, ada, 'c1', 5, '2026-03-10');
    answer(db, ada, 'c1', 1, '2026-03-11');
    setSuspended(db, ada, 'c3', true);
    const first = openPackage(exportOf(db, ada, Date.parse('2026-03-12T12:00:00Z')));
    const second = openPackage(exportOf(db, ada, Date.parse('2026-03-13T08:00:00Z')));
    const ids = (c: BetterSqlite3.Database) => c.prepare('SELECT n.id, n.guid, c.id AS cid FROM notes n JOIN cards c ON c.nid = n.id ORDER BY n.id').all();
    expect(ids(second.collection)).toEqual(ids(first.collection));
    const c1 = first.collection.prepare('SELECT c.reps, c.lapses, c.ivl FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ?').get(guidForCard('c1'));
    expect(c1).toEqual({ reps: 2, lapses: 1, ivl: 1 });
    const c3 = first.collection.prepare('SELECT c.type, c.queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ?').get(guidForCard('c3'));
    expect(c3).toEqual({ type: 0, queue: -1 });
    first.collection.close();
    second.collection.close();
  });

  it('leaves undone answers out of the review log and counts', () => {
    const { db, ada } = setUp();
    answer(db, ada, 'c1', 5, '2026-03-10');
    undoLastAnswer(db, ada, Date.parse('2026-03-10T12:01:00Z'));
    const { collection } = openPackage(exportOf(db, ada));
    expect(collection.prepare('SELECT count(*) AS n FROM revlog').get()).toEqual({ n: 0 });
    expect(collection.prepare('SELECT type, reps FROM cards ORDER BY id LIMIT 1').get()).toEqual({ type: 0, reps: 0 });
    collection.close();
  });

  it('adds the learner’s imported cards as new notes with their own GUIDs and decks', () => {
    const { db, ada, bob } = setUp();
    saveImportedNotes(db, ada, [{ guid: 'abc123', front: 'Hola', back: 'Hello', deck: 'Spanish::Words', tags: ['es'] }], Date.parse('2026-03-11T00:00:00Z'));
    saveImportedNotes(db, bob, [{ guid: 'bob1', front: 'Bob’s', back: 'card', deck: null, tags: [] }], 0);
    const { collection } = openPackage(exportOf(db, ada));
    const notes = collection.prepare('SELECT guid, flds, tags FROM notes ORDER BY id').all() as { guid: string; flds: string; tags: string }[];
    expect(notes.map((note) => note.guid)).toContain('abc123');
    expect(notes.map((note) => note.guid)).not.toContain('bob1');
    expect(notes.find((note) => note.guid === 'abc123')).toEqual({ guid: 'abc123', flds: 'Hola\x1fHello\x1f', tags: ' es ' });
    const decks = Object.values(JSON.parse((collection.prepare('SELECT decks FROM col').get() as { decks: string }).decks) as Record<string, { name: string }>).map((d) => d.name);
    expect(decks).toEqual(expect.arrayContaining(['Spanish', 'Spanish::Words']));
    collection.close();
  });
});
