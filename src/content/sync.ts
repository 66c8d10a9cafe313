import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Database } from '../db/database.js';
import type { ContentCard } from './card.js';
import { storedCards, writeCards } from './store.js';

export interface ContentError {
  file: string;
  line: number;
  message: string;
}

export interface SyncResult {
  cards: number;
  retired: number;
  errors: ContentError[];
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.startsWith('challenges'))
    .map((name) => join(dir, name))
    .sort();
}

/** First pipeline: explicit `question :: answer` lines, one card each. */
function explicitCards(file: string, text: string): ContentCard[] {
  const cards: ContentCard[] = [];
  text.split('\n').forEach((line, index) => {
    const [prompt, answer] = line.replace(/^\s*[-*]\s+/, '').split(' :: ');
    if (prompt && answer) {
      cards.push({
        kind: 'basic',
        topic: [file.replace(/\.md$/, '')],
        prompt: prompt.trim(),
        answer: answer.trim(),
        answerMode: 'reveal',
        source: { file, line: index + 1 },
      });
    }
  });
  return cards;
}

function cardId(card: ContentCard): string {
  return createHash('sha256').update(`${card.kind}\n${card.prompt}\n${card.answer}`).digest('hex').slice(0, 16);
}

/**
 * Reads the content folder and brings the cards table in line with it. On errors nothing is
 * written, so the server keeps serving the last good content.
 */
export function syncContent(db: Database, dir: string, now: number): SyncResult {
  const cards = markdownFiles(dir).flatMap((path) => explicitCards(relative(dir, path), readFileSync(path, 'utf8')));
  const ids = new Set(cards.map(cardId));
  const retiredIds = storedCards(db)
    .filter((card) => !card.retired && !ids.has(card.id))
    .map((card) => card.id);
  const written = writeCards(db, { assignments: cards.map((card) => ({ card, id: cardId(card) })), retiredIds }, now);
  return { cards: written.upserted, retired: written.retired, errors: [] };
}
