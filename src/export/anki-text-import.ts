import { createHash } from 'node:crypto';
import { z } from 'zod';
import { splitDelimited, TextSyntaxError, type TextRecord } from './delimited-text.js';
import type { ImportedNote } from './imported-cards.js';

/**
 * Reads an Anki text file (what Anki's "Notes in Plain Text" export writes, or a plain
 * "front,back" CSV) into notes. Pure: text in, notes or the first problem out. Understood header
 * lines: `#separator:`, `#html:`, `#guid column:`, `#notetype column:`, `#deck column:`,
 * `#tags column:`, `#deck:`, `#tags:`, `#columns:`; others are ignored, as Anki ignores them.
 */

export const IMPORT_LIMITS = { bytes: 2 * 1024 * 1024, rows: 5_000, fieldChars: 10_000 } as const;

export type ImportParse = { ok: true; notes: ImportedNote[] } | { ok: false; message: string };

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };

interface Headers {
  separator: string | null;
  html: boolean;
  guidColumn: number | null;
  notetypeColumn: number | null;
  deckColumn: number | null;
  tagsColumn: number | null;
  deck: string | null;
  tags: string[];
}

const Column = z.coerce.number().int().min(1).max(100);

class HeaderError extends Error {}

function readHeaders(lines: readonly string[]): { headers: Headers; count: number } {
  const headers: Headers = { separator: null, html: false, guidColumn: null, notetypeColumn: null, deckColumn: null, tagsColumn: null, deck: null, tags: [] };
  let count = 0;
  for (const raw of lines) {
    const match = /^#([a-z ]+):(.*)$/i.exec(raw.replace(/\r$/, ''));
    if (!match) break;
    count++;
    const key = (match[1] ?? '').trim().toLowerCase();
    const value = (match[2] ?? '').trim();
    const column = (name: string) => {
      const parsed = Column.safeParse(value);
      if (!parsed.success) throw new HeaderError(`Line ${count}: "#${name}:" needs a column number from 1 to 100.`);
      return parsed.data;
    };
    if (key === 'separator') {
      const separator = SEPARATORS[value.toLowerCase()] ?? (match[2]?.length === 1 ? match[2] : undefined);
      if (separator === undefined) throw new HeaderError(`Line ${count}: "#separator:" must be tab, comma, semicolon, space, pipe, colon or one character.`);
      headers.separator = separator;
    } else if (key === 'html') headers.html = value.toLowerCase() === 'true';
    else if (key === 'guid column') headers.guidColumn = column('guid column');
    else if (key === 'notetype column') headers.notetypeColumn = column('notetype column');
    else if (key === 'deck column') headers.deckColumn = column('deck column');
    else if (key === 'tags column') headers.tagsColumn = column('tags column');
    else if (key === 'deck') headers.deck = value === '' ? null : value;
    else if (key === 'tags') headers.tags = value.split(/\s+/).filter((tag) => tag !== '');
  }
  return { headers, count };
}

/** Anki's own text when a file says `#html:true`: tags dropped, `<br>` a line break, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n+$/, '');
}

const text = (name: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `the ${name} is empty` })
    .max(IMPORT_LIMITS.fieldChars, { error: `the ${name} is longer than ${IMPORT_LIMITS.fieldChars.toLocaleString('en')} characters` });

const NoteRow = z.object({
  guid: z
    .string()
    .trim()
    .max(100, { error: 'the GUID is longer than 100 characters' })
    .regex(/^[^\s]*$/, { error: 'the GUID may not contain spaces' })
    .optional(),
  notetype: z
    .string()
    .optional()
    .refine((value) => !value || !/cloze/i.test(value), { error: 'Cloze notes are not imported; only notes with a front and a back' }),
  front: text('front'),
  back: text('back'),
  deck: z.string().trim().max(200, { error: 'the deck name is longer than 200 characters' }).optional(),
  tags: z.string().max(1_000, { error: 'the tags are longer than 1,000 characters' }).optional(),
});

/** The GUID of a note the file gives none: its text, so importing the same file again matches it. */
export function guidForText(front: string, back: string): string {
  return `import-${createHash('sha256').update(`${front}\x1f${back}`).digest('hex').slice(0, 16)}`;
}

function detectSeparator(firstDataLine: string): string {
  if (firstDataLine.includes('\t')) return '\t';
  if (firstDataLine.includes(',')) return ',';
  if (firstDataLine.includes(';')) return ';';
  return '\t';
}

/** Parses the whole file; any bad row means no notes at all, and the message names its line. */
export function parseAnkiText(input: string): ImportParse {
  if (Buffer.byteLength(input, 'utf8') > IMPORT_LIMITS.bytes) {
    return { ok: false, message: 'The file is larger than 2 MB; split it and import the parts.' };
  }
  const body = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lines = body.split('\n');
  let headers: Headers;
  let headerCount: number;
  try {
    ({ headers, count: headerCount } = readHeaders(lines));
  } catch (error) {
    if (error instanceof HeaderError) return { ok: false, message: error.message };
    throw error;
  }
  const rest = lines.slice(headerCount).join('\n');
  const separator = headers.separator ?? detectSeparator(lines.slice(headerCount).find((line) => line.trim() !== '' && !line.startsWith('#')) ?? '');
  let records: TextRecord[];
  try {
    records = splitDelimited(rest, separator, headerCount + 1);
  } catch (error) {
    if (error instanceof TextSyntaxError) return { ok: false, message: `${error.message}.` };
    throw error;
  }
  // A plain CSV often starts with its column names; with no header lines, "front,back" is that.
  const first = records[0];
  if (headerCount === 0 && first && first.fields.length >= 2 && first.fields[0]?.trim().toLowerCase() === 'front' && first.fields[1]?.trim().toLowerCase() === 'back') {
    records.shift();
  }
  if (records.length === 0) return { ok: false, message: 'The file has no notes: write one note per line, front and back separated by a comma or a tab.' };
  if (records.length > IMPORT_LIMITS.rows) {
    return { ok: false, message: `The file has ${records.length.toLocaleString('en')} notes; import at most ${IMPORT_LIMITS.rows.toLocaleString('en')} at a time.` };
  }

  const meta = new Set([headers.guidColumn, headers.notetypeColumn, headers.deckColumn, headers.tagsColumn].filter((c): c is number => c !== null));
  const byGuid = new Map<string, ImportedNote>();
  for (const record of records) {
    const cell = (column: number | null) => (column === null ? undefined : record.fields[column - 1]);
    const content = record.fields.filter((_, i) => !meta.has(i + 1)).map((field) => (headers.html ? htmlToText(field) : field));
    const parsed = NoteRow.safeParse({
      guid: cell(headers.guidColumn) || undefined,
      notetype: cell(headers.notetypeColumn),
      front: content[0] ?? '',
      back: content[1] ?? '',
      deck: cell(headers.deckColumn) || headers.deck || undefined,
      tags: cell(headers.tagsColumn),
    });
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'the row cannot be read';
      const hint = content.length < 2 && problem.includes('back') ? ` (found ${content.length} field${content.length === 1 ? '' : 's'}; separate front and back with ${separator === '\t' ? 'a tab' : `"${separator}"`})` : '';
      return { ok: false, message: `Line ${record.line}: ${problem}${hint}. Nothing was imported.` };
    }
    const row = parsed.data;
    const guid = row.guid || guidForText(row.front, row.back);
    const tags = [...headers.tags, ...(row.tags ?? '').split(/\s+/).filter((tag) => tag !== '')];
    // The same note twice: the later line wins, as a second import would.
    byGuid.set(guid, { guid, front: row.front, back: row.back, deck: row.deck ?? null, tags: [...new Set(tags)] });
  }
  return { ok: true, notes: [...byGuid.values()] };
}
