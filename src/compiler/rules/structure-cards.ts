import type { CodeBlock, NoteLine, TableBlock } from '../outline.js';
import { classifyCode } from '../code-kind.js';
import { cleanAnswer, whatIs, wordCount } from '../phrasing.js';
import { type RuleContext, wordsOrReveal } from './rule-context.js';

/**
 * Cards from a note's structure rather than its sentences: a heading phrased as a question with
 * the content under it as the answer, and the rows of a pipe table.
 */

const MAX_ANSWER_WORDS = 60;

/** "### What is a taint?" followed by its answer (a paragraph, a list, a lone command). */
export function questionHeadingCard(line: NoteLine, ctx: RuleContext): boolean {
  if (!line.question || ctx.isConsumed(line)) return false;
  const inList = line.siblings.length > 1 && line.siblings[0] === line;
  const parts = inList ? line.siblings.map((sibling) => cleanAnswer(sibling.text)) : [cleanAnswer(line.text)];
  const answer = parts.filter(Boolean).join('; ');
  if (!answer) return false;
  const words = wordCount(answer);
  // "How about docker build?" leans on the heading before it.
  const vague = /^(?:how|what) about\b/i.test(line.question) ? 0.25 : 0;
  ctx.emit({
    kind: 'basic',
    prompt: line.question,
    answer,
    answerMode: wordsOrReveal(answer),
    line: line.line,
    topic: line.topic,
    confidence: (words > MAX_ANSWER_WORDS ? 0.5 : words > 40 ? 0.55 : words > 30 ? 0.7 : 0.8) - vague,
  });
  // A long answer is a paragraph of several facts: its sentences still make cards of their own.
  if (words <= 40) ctx.consume(line, ...(inList ? line.siblings : []));
  return words <= 40;
}

/** A question heading answered by a command block alone. */
export function questionHeadingCode(code: CodeBlock, ctx: RuleContext): boolean {
  if (!code.question) return false;
  const content = classifyCode(code.value, code.lang);
  if (content.kind !== 'commands') return false;
  const answer = content.commands.map((entry) => entry.command).join('\n');
  ctx.emit({
    kind: 'command',
    prompt: code.question,
    answer,
    answerMode: answer.includes('\n') ? 'reveal' : 'command',
    line: code.line,
    topic: code.topic,
    confidence: 0.8,
  });
  return true;
}

const PLACEHOLDER = /^(?:-+|–|—|n\/a|none|tbd|\?|)$/i;
const DESCRIBING_HEADERS = /^(?:description|meaning|purpose|definition|explanation|what it does|notes?|use|usage|details)$/i;
const MAX_KEY_WORDS = 5;
const MAX_VALUE_WORDS = 8;

/**
 * Table rows: the key column is the leftmost whose cells are all different and short (the
 * "Kind" of an apiVersion table, a term column); every other column with a header gives "What is
 * the <header> of <key>?", and a description column gives "What is <key>?". Placeholder cells
 * ("-") give nothing. Tables of long sentences on both sides (comparisons) give drafts.
 */
export function tableCards(table: TableBlock, ctx: RuleContext): void {
  const columns = table.header.length;
  if (columns < 2 || table.rows.length === 0) return;
  const key = keyColumn(table);
  if (key === undefined) {
    comparisonCards(table, ctx);
    return;
  }
  for (const row of table.rows) {
    const name = row.cells[key]?.trim() ?? '';
    if (PLACEHOLDER.test(name)) continue;
    for (let column = 0; column < columns; column++) {
      if (column === key) continue;
      const header = table.header[column]?.trim() ?? '';
      const value = cleanAnswer(row.cells[column]?.trim() ?? '');
      if (!header || PLACEHOLDER.test(value)) continue;
      const describing = DESCRIBING_HEADERS.test(header);
      const prompt = describing ? whatIs(name) : `What is the ${header} of ${name}?`;
      const words = wordCount(value);
      ctx.emit({
        kind: 'basic',
        prompt,
        answer: value,
        answerMode: wordsOrReveal(value),
        line: row.line,
        topic: table.topic,
        confidence: describing ? (words > 40 ? 0.55 : 0.75) : words <= MAX_VALUE_WORDS ? 0.8 : 0.55,
      });
    }
  }
}

function keyColumn(table: TableBlock): number | undefined {
  for (let column = 0; column < table.header.length; column++) {
    const values = table.rows.map((row) => row.cells[column]?.trim() ?? '').filter((v) => !PLACEHOLDER.test(v));
    if (values.length < table.rows.length * 0.8 || values.length === 0) continue;
    const distinct = new Set(values.map((v) => v.toLowerCase())).size === values.length;
    if (distinct && values.every((v) => wordCount(v) <= MAX_KEY_WORDS)) return column;
  }
  return undefined;
}

// "Docker Compose | Kubernetes": each row pairs two statements; asking one from the other is a
// guess at what the author meant, so these stay drafts.
function comparisonCards(table: TableBlock, ctx: RuleContext): void {
  const [left, right] = table.header;
  if (!left || !right) return;
  for (const row of table.rows) {
    const a = cleanAnswer(row.cells[0] ?? '');
    const b = cleanAnswer(row.cells[1] ?? '');
    if (PLACEHOLDER.test(a) || PLACEHOLDER.test(b)) continue;
    ctx.emit({
      kind: 'basic',
      prompt: `${left}: "${a}". What is the ${right} counterpart?`,
      answer: b,
      answerMode: wordsOrReveal(b),
      line: row.line,
      topic: table.topic,
      confidence: 0.45,
    });
  }
}
