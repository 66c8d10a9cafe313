import type { NoteLine } from '../outline.js';
import { looksLikeCommand } from './command-text.js';
import { type RuleContext, wordsOrReveal } from './rule-context.js';

/**
 * Explicit author syntax. It always wins over the heuristics: a line with `question :: answer`
 * or Anki-style `{{c1::text::hint}}` clozes becomes exactly the cards the author wrote.
 */

const CLOZE = /\{\{c(\d+)::(.*?)\}\}/g;

/** Emits the author's own cards for a line; returns true when the line used author syntax. */
export function authorCards(line: NoteLine, ctx: RuleContext): boolean {
  if (line.text.includes('{{c')) return clozeCards(line, ctx);
  const separator = line.text.indexOf('::');
  if (separator === -1 || !/(^|\s)::(\s|$)/.test(line.text)) return false;
  const question = line.text.slice(0, separator).trim();
  const answer = line.text.slice(separator + 2).trim();
  if (!question || !answer) {
    ctx.error(line.line, `"question :: answer" needs text on both sides of ::`);
    ctx.consume(line);
    return true;
  }
  // Only an answer the author wrote as code is graded as a command.
  const isCommand = looksLikeCommand(answer) && line.nodes.some((n) => n.type === 'inlineCode' && n.value.trim() === answer);
  ctx.emit({
    kind: isCommand ? 'command' : 'basic',
    prompt: question,
    answer,
    answerMode: isCommand ? 'command' : wordsOrReveal(answer),
    line: line.line,
    topic: line.topic,
  });
  ctx.consume(line);
  return true;
}

interface Cloze {
  index: number;
  text: string;
  hint: string | undefined;
  raw: string;
}

function clozeCards(line: NoteLine, ctx: RuleContext): boolean {
  const clozes: Cloze[] = [];
  for (const match of line.text.matchAll(CLOZE)) {
    const [text, hint] = splitHint(match[2] ?? '');
    clozes.push({ index: Number(match[1]), text, hint, raw: match[0] });
  }
  if (clozes.length === 0) {
    if (/\{\{c\d+::/.test(line.text)) ctx.error(line.line, 'cloze {{c1::…}} is not closed with }}');
    return false;
  }
  ctx.consume(line);
  const empty = clozes.find((cloze) => !cloze.text);
  if (empty) {
    ctx.error(line.line, `cloze ${empty.raw} has no text to hide`);
    return true;
  }
  const numbers = [...new Set(clozes.map((cloze) => cloze.index))].sort((a, b) => a - b);
  for (const number of numbers) {
    const hidden = clozes.filter((cloze) => cloze.index === number);
    let prompt = line.text;
    for (const cloze of clozes) {
      const shown = cloze.index === number ? (cloze.hint ? `[${cloze.hint}]` : '___') : cloze.text;
      prompt = prompt.replace(cloze.raw, shown);
    }
    const answer = hidden.map((cloze) => cloze.text).join(', ');
    ctx.emit({ kind: 'cloze', prompt, answer, answerMode: wordsOrReveal(answer), line: line.line, topic: line.topic });
  }
  return true;
}

// `{{c1::text::hint}}`: the last `::` separates the hint, as in Anki.
function splitHint(body: string): [string, string | undefined] {
  const at = body.lastIndexOf('::');
  if (at === -1) return [body.trim(), undefined];
  return [body.slice(0, at).trim(), body.slice(at + 2).trim() || undefined];
}
