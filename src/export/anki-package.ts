import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import type { Day } from '../scheduler/day.js';
import { ankiNotes, NOTE_FIELDS, ROOT_DECK, type AnkiNote } from './anki-notes.js';
import { ankiRevlog, ankiSchedule, dayNumber } from './anki-schedule.js';
import type { ExportReview, LearnerExport } from './learner-export.js';

/**
 * The learner's cards and history as an Anki package: a zip of `collection.anki2`, an SQLite
 * database in Anki's legacy schema 11 (every Anki since 2.1 imports it), and `media` ("{}").
 * The collection is built in memory and serialized, so no temporary file can be left behind.
 */

// Anki's schema 11 (rslib/src/storage/schema11.sql), with the columns every importer reads.
const SCHEMA = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
  odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** The note type every exported note uses; a fixed id, so re-imports reuse it. */
export const MODEL_ID = 1_700_000_000_001;
export const MODEL_NAME = 'Deckhand';
const DECK_CONFIG_ID = 1;
// Ids of cards without a creation time (older rows) start here; ids look like ms timestamps to Anki.
const ID_FLOOR = 1_600_000_000_000;

export interface PackageInput {
  data: LearnerExport;
  /** The learner's today: the collection is created on the earliest day the export mentions. */
  today: Day;
  now: number;
  /** The learner's time zone and the server's rollover hour: Anki counts days the same way. */
  timeZone: string;
  rolloverHour: number;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, '<br>');

/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field's text. */
export function fieldChecksum(text: string): number {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

/** A deck id from its name (stable across exports), in the range of Anki's ms-timestamp ids. */
export function deckId(name: string): number {
  if (name === 'Default') return 1;
  return ID_FLOOR + (parseInt(createHash('sha256').update(`deckhand-deck:${name}`).digest('hex').slice(0, 10), 16) % 100_000_000_000);
}

/** Every deck the notes use and their parents ('A::B' needs 'A'). */
function deckNames(notes: readonly AnkiNote[]): string[] {
  const names = new Set<string>([ROOT_DECK]);
  for (const note of notes) {
    const parts = note.deck.split('::');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('::'));
  }
  return [...names].sort();
}

function deckJson(id: number, name: string, mod: number) {
  return {
    id, name, mod, usn: 0, desc: '', dyn: 0, conf: DECK_CONFIG_ID, collapsed: false, browserCollapsed: false,
    extendNew: 0, extendRev: 0, newToday: [0, 0], revToday: [0, 0], lrnToday: [0, 0], timeToday: [0, 0],
  };
}

function modelJson(mod: number, did: number) {
  return {
    id: MODEL_ID, name: MODEL_NAME, type: 0, mod, usn: 0, sortf: 0, did, tags: [], vers: [],
    css: '.card { font-family: sans-serif; font-size: 20px; text-align: left; }',
    latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    flds: NOTE_FIELDS.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    tmpls: [{
      name: 'Card 1', ord: 0, did: null, bqfmt: '', bafmt: '',
      qfmt: '{{Front}}',
      afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n\n{{#Source}}<p class="source">{{Source}}</p>{{/Source}}',
    }],
    // Card 1 needs Front (template 0, all of field 0).
    req: [[0, 'all', [0]]],
  };
}

const DECK_CONFIG = {
  id: DECK_CONFIG_ID, name: 'Default', mod: 0, usn: 0, maxTaken: 60, autoplay: true, timer: 0, replayq: true, dyn: false,
  new: { delays: [1, 10], ints: [1, 4, 0], initialFactor: 2500, order: 1, perDay: 20, bury: false, separate: true },
  rev: { perDay: 200, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, bury: false, hardFactor: 1.2 },
  lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 1 },
};

/**
 * Ids in Anki are ms timestamps: a note's is when its card was first compiled (or imported),
 * made unique by counting up, in a fixed order so that the same cards get the same ids.
 */
function noteIds(notes: readonly AnkiNote[]): number[] {
  const created = notes.map((note) => Math.max(ID_FLOOR, note.card?.createdAt ?? note.imported?.importedAt ?? 0));
  const order = notes.map((_, i) => i).sort((a, b) => (created[a] ?? 0) - (created[b] ?? 0) || a - b);
  const ids: number[] = new Array<number>(notes.length).fill(0);
  let last = 0;
  for (const i of order) {
    const id = Math.max(created[i] ?? 0, last + 1);
    ids[i] = id;
    last = id;
  }
  return ids;
}

/** The earliest day the export mentions, so that no review card is due before the collection existed. */
function creationDay(data: LearnerExport, today: Day): Day {
  let first = today;
  for (const card of data.cards) if (card.state?.dueDay && card.state.dueDay < first) first = card.state.dueDay;
  for (const review of data.history) if (review.day < first) first = review.day;
  return first;
}

/**
 * The collection's `crt` (seconds): the export's moment, as many days back as the creation day
 * is before today, so that it falls inside the learner's creation day in their own time zone.
 * Anki shifts each review card's due day by the difference between the package's "today" and
 * its own (rslib apkg import, cards.rs). The package says it is a v2-scheduler collection with
 * the learner's UTC offset at `crt` (creationOffset) and rollover hour, so its today is the
 * learner's today. Declaring v2 also keeps Anki from "upgrading" it from v1 on import, which
 * would shift the eases of learning answers (Hard → Good, Good → Easy).
 */
export function collectionCreation(creation: Day, today: Day, now: number): number {
  return Math.floor(now / 1000) - (dayNumber(today) - dayNumber(creation)) * 86_400;
}

/** Minutes west of UTC in a time zone at an instant, as Anki's creationOffset counts them. */
export function minutesWest(timeZone: string, atSeconds: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(atSeconds * 1000));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((atSeconds * 1000 - wall) / 60_000);
}

/** Builds the collection database and returns its bytes. */
export function buildCollection(input: PackageInput): Buffer {
  const { data, today, now, timeZone, rolloverHour } = input;
  const notes = ankiNotes(data);
  const ids = noteIds(notes);
  const crtDay = creationDay(data, today);
  const crt = collectionCreation(crtDay, today, now);
  const mod = Math.floor(now / 1000);
  const db = new BetterSqlite3(':memory:');
  try {
    db.exec(SCHEMA);
    const decks = Object.fromEntries([['1', deckJson(1, 'Default', mod)], ...deckNames(notes).map((name) => [String(deckId(name)), deckJson(deckId(name), name, mod)])]);
    db.prepare(
      `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
       VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
    ).run(
      crt,
      now,
      now,
      JSON.stringify({
        schedVer: 2, creationOffset: minutesWest(timeZone, crt), rollover: rolloverHour,
        nextPos: notes.length + 1, estTimes: true, activeDecks: [1], sortType: 'noteFld', timeLim: 0, sortBackwards: false,
        addToCur: true, curDeck: 1, newSpread: 0, dueCounts: true, curModel: String(MODEL_ID), collapseTime: 1200,
      }),
      JSON.stringify({ [String(MODEL_ID)]: modelJson(mod, deckId(ROOT_DECK)) }),
      JSON.stringify(decks),
      JSON.stringify({ [String(DECK_CONFIG_ID)]: DECK_CONFIG }),
    );

    const insertNote = db.prepare(
      `INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')`,
    );
    const insertCard = db.prepare(
      `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
       VALUES (?, ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '')`,
    );
    const insertRevlog = db.prepare(
      `INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
    );

    const historyByCard = new Map<string, ExportReview[]>();
    for (const review of data.history) {
      const list = historyByCard.get(review.cardId) ?? [];
      list.push(review);
      historyByCard.set(review.cardId, list);
    }
    const revlogIds = new Set<number>();

    db.transaction(() => {
      let newPosition = 0;
      notes.forEach((note, i) => {
        const id = ids[i] ?? 0;
        const fields = [note.front, note.back, note.source];
        insertNote.run(id, note.guid, MODEL_ID, mod, ` ${note.tags.join(' ')} `, fields.map(escapeHtml).join('\x1f'), note.front, fieldChecksum(note.front));
        const history = note.card ? (historyByCard.get(note.card.id) ?? []) : [];
        const state = note.card?.state ?? null;
        if (!state || state.dueDay === null) newPosition++;
        const schedule = ankiSchedule(state, history, newPosition, crtDay);
        const cardMod = state?.lastAnsweredAt ? Math.floor(state.lastAnsweredAt / 1000) : mod;
        insertCard.run(id, id, deckId(note.deck), cardMod, schedule.type, schedule.queue, schedule.due, schedule.ivl, schedule.factor, schedule.reps, schedule.lapses);
        for (const review of history) {
          // An undone answer was taken back; Anki's log has no way of saying so, so it stays out.
          if (review.undoneAt !== null) continue;
          const row = ankiRevlog(review);
          let revlogId = row.id;
          while (revlogIds.has(revlogId)) revlogId++;
          revlogIds.add(revlogId);
          insertRevlog.run(revlogId, id, row.ease, row.ivl, row.lastIvl, row.factor, row.time, row.type);
        }
      });
    })();
    return db.serialize();
  } finally {
    db.close();
  }
}

/** The .apkg: the collection and an empty media map, zipped. */
export function buildPackage(input: PackageInput): Uint8Array {
  return zipSync({
    'collection.anki2': new Uint8Array(buildCollection(input)),
    media: strToU8('{}'),
  });
}
