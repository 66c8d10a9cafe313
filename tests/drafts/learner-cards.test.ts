import { describe, expect, it } from 'vitest';
import type { CompiledCard, NoteFile } from '../../src/compiler/types.js';
import type { StoredCardRow } from '../../src/content/card.js';
import { writeCards } from '../../src/content/store.js';
import { syncNotes } from '../../src/content/sync.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { acceptCard, clearDecision, editableCard, editCard, pendingDrafts, rejectCard } from '../../src/drafts/drafts.js';
import { learnerCardWhere } from '../../src/drafts/learner-cards.js';
import { setSuspended } from '../../src/browse/suspend.js';
import { searchCards } from '../../src/browse/card-search.js';
import { DEFAULT_FILTER } from '../../src/browse/browse-filter.js';
import { recordAnswer } from '../../src/review/answer.js';
import { nextCard, queueCounts } from '../../src/review/queue.js';
import { topicSummaries } from '../../src/review/summary.js';
import { quizCandidates } from '../../src/quiz/quiz-store.js';

const TODAY = '2026-03-10';
const limits = { newCardsPerDay: 100, reviewsPerDay: 200 };

function setUp(): { db: Database; ada: number; bob: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const user = (name: string) =>
    db.run(
      "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)",
      [name, name],
    ).lastInsertRowid;
  return { db, ada: user('ada'), bob: user('bob') };
}

/** A compiled card; `confidence` below 0.6 makes it a draft. */
function card(n: number, confidence: number, extra: Partial<CompiledCard> = {}): CompiledCard {
  return {
    kind: 'basic',
    topic: ['Docker', 'Basics'],
    prompt: `What is thing ${n}?`,
    answer: `thing ${n}`,
    answerMode: 'words',
    source: { file: 'notes.md', line: n },
    confidence,
    ...extra,
  };
}

/** Stores cards d1, d2, … in order, through the same writer the sync uses. */
function store(db: Database, cards: CompiledCard[]): void {
  writeCards(db, { assignments: cards.map((c, i) => ({ card: c, id: `d${i + 1}` })), retiredIds: [] }, 1);
}

const answer = (db: Database, userId: number, cardId: string) =>
  recordAnswer(db, { userId, cardId, quality: 5, now: 1, today: TODAY, durationMs: 1 });

/** Every card the learner meets as new today, by walking the queue (answering each). */
function walkNew(db: Database, userId: number): string[] {
  const seen: string[] = [];
  for (let next = nextCard(db, userId, TODAY, limits); next; next = nextCard(db, userId, TODAY, limits)) {
    seen.push(next.id);
    answer(db, userId, next.id);
  }
  return seen;
}

describe('the learner-cards rule', () => {
  it('stores the confidence, the draft flag and the alternatives, and rewrites a card only when one changes', () => {
    const { db } = setUp();
    store(db, [card(1, 0.9, { alternatives: ['thing one'] }), card(2, 0.3)]);
    const rows = () => db.all<{ id: string; confidence: number; draft: number; alternatives: string | null; updated_at: number }>(
      'SELECT id, confidence, draft, alternatives, updated_at FROM cards ORDER BY id',
    );
    expect(rows()).toEqual([
      { id: 'd1', confidence: 0.9, draft: 0, alternatives: '["thing one"]', updated_at: 1 },
      { id: 'd2', confidence: 0.3, draft: 1, alternatives: null, updated_at: 1 },
    ]);
    const stored = new Map(db.all<StoredCardRow>('SELECT * FROM cards').map((row) => [row.id, row] as const));
    writeCards(db, { assignments: [{ card: card(1, 0.9, { alternatives: ['thing one'] }), id: 'd1' }, { card: card(2, 0.7), id: 'd2' }], retiredIds: [], stored }, 2);
    expect(rows().map((row) => [row.id, row.draft, row.updated_at])).toEqual([
      ['d1', 0, 1],
      ['d2', 0, 2],
    ]);
  });

  it('keeps drafts out of the queue, the counts, the quiz, browse and home until the learner accepts them', () => {
    const { db, ada } = setUp();
    store(db, [card(1, 0.9), card(2, 0.3), card(3, 0.9)]);
    expect(queueCounts(db, ada, TODAY, limits).new).toBe(2);
    expect(quizCandidates(db, ada).map((c) => c.cardId)).toEqual(['d1', 'd3']);
    expect(searchCards(db, ada, DEFAULT_FILTER).rows.map((r) => r.id)).toEqual(['d1', 'd3']);
    expect(topicSummaries(db, ada, TODAY)).toEqual([{ topic: 'Docker', total: 2, due: 0, fresh: 2, learned: 0 }]);
    expect(pendingDrafts(db, ada, null).map((d) => d.id)).toEqual(['d2']);
    expect(() => answer(db, ada, 'd2')).toThrow(/draft you have not accepted/);

    acceptCard(db, ada, 'd2', 5);
    expect(queueCounts(db, ada, TODAY, limits).new).toBe(3);
    expect(pendingDrafts(db, ada, null)).toEqual([]);
    expect(walkNew(db, ada)).toEqual(['d1', 'd2', 'd3']);
  });

  it('takes a rejected card away from that learner only, and gives it back when they restore it', () => {
    const { db, ada, bob } = setUp();
    store(db, [card(1, 0.9), card(2, 0.9)]);
    answer(db, ada, 'd1');
    answer(db, bob, 'd1');
    rejectCard(db, ada, 'd1', 5);
    const tomorrow = '2026-03-11';
    expect(nextCard(db, ada, tomorrow, { ...limits, newCardsPerDay: 0 })).toBeUndefined();
    expect(nextCard(db, bob, tomorrow, { ...limits, newCardsPerDay: 0 })?.id).toBe('d1');
    expect(queueCounts(db, ada, tomorrow, limits)).toMatchObject({ due: 0, new: 1 });
    expect(queueCounts(db, bob, tomorrow, limits)).toMatchObject({ due: 1, new: 1 });
    expect(searchCards(db, ada, DEFAULT_FILTER).rows.map((r) => r.id)).toEqual(['d2']);
    expect(searchCards(db, bob, DEFAULT_FILTER).rows.map((r) => r.id)).toEqual(['d1', 'd2']);

    clearDecision(db, ada, 'd1', 6);
    expect(nextCard(db, ada, tomorrow, limits)?.id).toBe('d1');
  });

  it('keeps a draft in reviews for a learner who reviewed it while it was confident', () => {
    const { db, ada } = setUp();
    store(db, [card(1, 0.9)]);
    answer(db, ada, 'd1');
    store(db, [card(1, 0.2)]);
    expect(nextCard(db, ada, '2026-03-11', limits)?.id).toBe('d1');
    expect(pendingDrafts(db, ada, null)).toEqual([]);
  });

  it('counts new cards by subtraction exactly as the rule says, whatever the mix of decisions', () => {
    const { db, ada } = setUp();
    store(db, Array.from({ length: 12 }, (_, i) => card(i + 1, i % 3 === 0 ? 0.3 : 0.9)));
    rejectCard(db, ada, 'd10', 1); // rejected, then retired
    db.run("UPDATE cards SET retired_at = 1 WHERE id IN ('d10', 'd11')");
    acceptCard(db, ada, 'd4', 1);
    rejectCard(db, ada, 'd7', 1); // a rejected draft
    rejectCard(db, ada, 'd2', 1); // a rejected confident card
    answer(db, ada, 'd3');
    rejectCard(db, ada, 'd3', 1); // seen, then rejected
    setSuspended(db, ada, 'd1', true); // a suspended draft, never reviewed
    answer(db, ada, 'd4');
    const brute = db.first<{ n: number }>(
      `SELECT count(*) AS n FROM cards c WHERE ${learnerCardWhere('c')}
          AND c.id NOT IN (SELECT card_id FROM card_states WHERE user_id = @userId AND (due_day IS NOT NULL OR suspended = 1))`,
      { userId: ada },
    )?.n;
    // Drafts are d1, d4, d7, d10: new are d5, d6, d8, d9, d12 (d1 suspended, d10/d11 retired,
    // d2/d7 rejected, d3/d4 seen).
    expect(brute).toBe(5);
    expect(queueCounts(db, ada, TODAY, limits).new).toBe(5);
    // Under a lower daily limit the count stops at what is left of it (two new cards were answered
    // today), whether or not the drafts had to be counted one by one.
    expect(queueCounts(db, ada, TODAY, { ...limits, newCardsPerDay: 4 }).new).toBe(2);
    expect(queueCounts(db, ada, TODAY, { ...limits, newCardsPerDay: 7 }).new).toBe(5);
    expect(queueCounts(db, ada, TODAY, { ...limits, newCardsPerDay: 8 }).new).toBe(5);
    expect(walkNew(db, ada)).toEqual(['d5', 'd6', 'd8', 'd9', 'd12']);
  });

  it('keeps an edit across a recompile that rewords the note, because the card keeps its id', () => {
    const { db, ada } = setUp();
    const notes = (text: string): NoteFile[] => [{ path: 'docker/basics.md', text: `# Containers\n\n${text}\n` }];
    syncNotes(db, notes('- Which flag publishes every exposed port? :: -P'), 1);
    const before = db.first<{ id: string }>("SELECT id FROM cards WHERE prompt LIKE '%exposed port%'");
    if (!before) throw new Error('no card');
    editCard(db, ada, before.id, { prompt: 'Which docker run flag publishes all exposed ports?', answer: '-P', acceptedAnswers: ['--publish-all'], accept: false }, 2);

    syncNotes(db, notes('- Which flag publishes every exposed port? :: -P (capital P)'), 3);
    const after = db.first<{ id: string; answer: string; retired_at: number | null }>("SELECT id, answer, retired_at FROM cards WHERE prompt LIKE '%exposed port%'");
    expect(after).toMatchObject({ id: before.id, retired_at: null });
    expect(after?.answer).toContain('capital P');
    const seen = editableCard(db, ada, before.id);
    expect(seen.prompt).toBe('Which docker run flag publishes all exposed ports?');
    // The answer was not edited (it equalled the notes' then), so the notes' fix reaches the learner.
    expect(seen.answer).toBe(after?.answer);
    expect(seen.override.acceptedAnswers).toEqual(['--publish-all']);
    expect(nextCard(db, ada, TODAY, limits)?.prompt).toBe('Which docker run flag publishes all exposed ports?');
  });
});
