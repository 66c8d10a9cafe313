import { createHash } from 'node:crypto';
import { splitTopic } from '../content/card.js';
import type { ExportCard, LearnerExport } from './learner-export.js';
import type { ImportedCard } from './imported-cards.js';

/**
 * Deckhand's cards as Anki notes: the one place that decides a note's GUID, deck, fields and
 * tags, so the CSV and the .apkg always agree on them.
 */

/** Every exported note has these fields, in this order (the .apkg's note type names them). */
export const NOTE_FIELDS = ['Front', 'Back', 'Source'] as const;
export const ROOT_DECK = 'Deckhand';
export const IMPORTED_DECK = `${ROOT_DECK}::Imported`;

export interface AnkiNote {
  guid: string;
  deck: string;
  front: string;
  back: string;
  /** Where the card comes from ("notes/images.md:12"), or "" for an imported card. */
  source: string;
  tags: string[];
  /** The Deckhand card this note is, or null for a card the learner imported. */
  card: ExportCard | null;
  imported: ImportedCard | null;
}

/**
 * A GUID that is the same for the same card id in every export (Anki matches notes by GUID, so
 * importing a newer export updates the notes instead of duplicating them). Hex, so it never
 * needs quoting in a CSV and never starts a line with '#'.
 */
export function guidForCard(cardId: string): string {
  return createHash('sha256').update(`deckhand-card:${cardId}`).digest('hex').slice(0, 16);
}

/** The Anki deck of a topic path: 'Containers with Docker › Images' → 'Deckhand::Containers with Docker::Images'. */
export function deckForTopic(topic: string): string {
  // '::' separates decks in Anki, so a topic that contains it would split; a colon pair becomes one.
  const parts = splitTopic(topic).map((part) => part.replace(/::+/g, ':').trim()).filter((part) => part !== '');
  return [ROOT_DECK, ...parts].join('::');
}

/** Anki tags hold no spaces: "command" stays, "multiple choice" would become two. */
const tag = (text: string) => text.trim().replace(/\s+/g, '_');

/** The front as Anki shows it: a multiple-choice card lists its options under the prompt. */
function frontOf(card: ExportCard): string {
  if (!card.choices || card.choices.length === 0) return card.prompt;
  return [card.prompt, ...card.choices.map((choice) => `- ${choice}`)].join('\n');
}

export function noteForCard(card: ExportCard): AnkiNote {
  return {
    guid: guidForCard(card.id),
    deck: deckForTopic(card.topic),
    front: frontOf(card),
    back: card.answer,
    source: `${card.sourceFile}:${card.sourceLine}`,
    tags: ['deckhand', `deckhand::${tag(card.kind)}`],
    card,
    imported: null,
  };
}

export function noteForImported(card: ImportedCard): AnkiNote {
  return {
    guid: card.guid,
    deck: card.deck ?? IMPORTED_DECK,
    front: card.front,
    back: card.back,
    source: '',
    tags: card.tags,
    card: null,
    imported: card,
  };
}

/** The learner's notes: their cards from the notes first (in content order), then imported ones. */
export function ankiNotes(data: LearnerExport): AnkiNote[] {
  const notes = data.cards.map(noteForCard);
  // A learner who imports a Deckhand export brings back GUIDs of cards they already have: the
  // card from the notes, with its schedule, is the one that goes out.
  const taken = new Set(notes.map((note) => note.guid));
  return [...notes, ...data.imported.filter((card) => !taken.has(card.guid)).map(noteForImported)];
}
