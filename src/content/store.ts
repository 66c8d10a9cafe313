import type { StoredCard } from '../compiler/identity.js';
import { isDraft, type CardKind } from '../compiler/types.js';
import type { Database } from '../db/database.js';
import { joinTopic, splitTopic, type ContentCard, type StoredCardRow } from './card.js';

/** A stored card as identity matching sees it, with the row it was read from. */
export interface StoredCardWithRow extends StoredCard {
  row: StoredCardRow;
}

/** What a sync decided: each card with its id, and the ids whose notes are gone. */
export interface CardAssignments {
  assignments: { card: ContentCard; id: string }[];
  retiredIds: string[];
  /**
   * The rows as stored before this sync, by id. A card whose row already holds exactly what it
   * would be written with is left alone, so a start-up with unchanged notes writes nothing.
   */
  stored?: ReadonlyMap<string, StoredCardRow>;
}

/** The stored cards in the shape identity matching needs (retired ones included). */
export function storedCards(db: Database): StoredCardWithRow[] {
  return db.all<StoredCardRow>('SELECT * FROM cards ORDER BY position').map((row) => ({
    id: row.id,
    kind: row.kind as CardKind,
    topic: splitTopic(row.topic),
    prompt: row.prompt,
    answer: row.answer,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
    retired: row.retired_at !== null,
    row,
  }));
}

/** The columns a sync writes for one card, named as the upsert binds them. */
interface CardValues {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  answerMode: string;
  choices: string | null;
  file: string;
  line: number;
  position: number;
  confidence: number;
  draft: number;
  alternatives: string | null;
}

function cardValues(card: ContentCard, id: string, position: number): CardValues {
  return {
    id,
    kind: card.kind,
    topic: joinTopic(card.topic),
    prompt: card.prompt,
    answer: card.answer,
    answerMode: card.answerMode,
    choices: card.choices ? JSON.stringify(card.choices) : null,
    file: card.source.file,
    line: card.source.line,
    position,
    confidence: card.confidence,
    draft: isDraft(card) ? 1 : 0,
    alternatives: card.alternatives && card.alternatives.length > 0 ? JSON.stringify(card.alternatives) : null,
  };
}

// Every column the upsert sets, updated_at aside: when all are equal the upsert would change
// nothing but the timestamp, and skipping it spares ten thousand writes at every start-up.
function isUnchanged(row: StoredCardRow, values: CardValues): boolean {
  return (
    row.retired_at === null &&
    row.kind === values.kind &&
    row.topic === values.topic &&
    row.prompt === values.prompt &&
    row.answer === values.answer &&
    row.answer_mode === values.answerMode &&
    row.choices === values.choices &&
    row.source_file === values.file &&
    row.source_line === values.line &&
    row.position === values.position &&
    row.confidence === values.confidence &&
    row.draft === values.draft &&
    row.alternatives === values.alternatives
  );
}

/**
 * Writes one compiled version of the content in a single transaction: cards are upserted under
 * the ids identity matching gave them (a card that comes back is revived), and cards whose notes
 * were removed are retired, never deleted, so their review history stays. A card stored exactly
 * as compiled is not written at all, so its `updated_at` says when its content last changed.
 */
export function writeCards(db: Database, plan: CardAssignments, now: number): { upserted: number; retired: number } {
  return db.transaction(() => {
    plan.assignments.forEach(({ card, id }, position) => {
      const values = cardValues(card, id, position);
      const stored = plan.stored?.get(id);
      if (stored && isUnchanged(stored, values)) return;
      db.run(
        `INSERT INTO cards (id, kind, topic, prompt, answer, answer_mode, choices, source_file, source_line,
                            position, confidence, draft, alternatives, retired_at, created_at, updated_at)
         VALUES (@id, @kind, @topic, @prompt, @answer, @answerMode, @choices, @file, @line, @position,
                 @confidence, @draft, @alternatives, NULL, @now, @now)
         ON CONFLICT (id) DO UPDATE SET kind = @kind, topic = @topic, prompt = @prompt, answer = @answer,
           answer_mode = @answerMode, choices = @choices, source_file = @file, source_line = @line,
           position = @position, confidence = @confidence, draft = @draft, alternatives = @alternatives,
           retired_at = NULL, updated_at = @now`,
        { ...values, now },
      );
    });
    let retired = 0;
    for (const id of plan.retiredIds) {
      retired += db.run('UPDATE cards SET retired_at = ? WHERE id = ? AND retired_at IS NULL', [now, id]).changes;
    }
    return { upserted: plan.assignments.length, retired };
  });
}
