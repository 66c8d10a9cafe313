import { parse } from 'shell-quote';

/**
 * Word splitting for one command line, done by `shell-quote` (quotes, escapes, `$'…'`, comments
 * and the whole operator set), with the few guards our contract needs on top of it: it accepts an
 * unclosed quote silently, reads `<image-name>` as two redirections and a `#` inside a word as a
 * comment, so those are checked or protected here. Operators that make a pipeline or a list (`|`,
 * `;`, `&&`, `||`, redirections) are reported, because such a line is several commands and cannot
 * be compared as one parsed invocation. Variables are kept as written (`$PWD`), never expanded.
 */

/** Words of a command line, or why it is not a single simple command. */
export type Tokenized = { ok: true; words: string[] } | { ok: false; reason: string };

/**
 * A `<placeholder>` as notes write them: `<container-id>`, `<preferred port>`. Spaces are allowed
 * inside but not next to the brackets, so `sort <in.txt >out.txt` stays two redirections.
 */
export const PLACEHOLDER = /<([A-Za-z](?:[\w .-]*[\w])?)>/;

// Private-use characters stand in for what shell-quote would misread; nobody types them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const HASH = '\uE002';

/** Splits a command line into words the way a POSIX shell would, without expansions. */
export function tokenize(line: string): Tokenized {
  const joined = joinContinuations(line).trim();
  const problem = unbalancedQuote(joined) ?? (joined.includes('\n') ? 'spans several lines' : undefined);
  if (problem) return { ok: false, reason: problem };
  const placeholders: string[] = [];
  const protectedLine = joined
    .replace(new RegExp(PLACEHOLDER.source, 'g'), (whole) => `${OPEN}${placeholders.push(whole) - 1}${CLOSE}`)
    // POSIX starts a comment only at the start of a word; shell-quote does at any `#`.
    .replace(/(?<=[^\s|&;()<>])#/g, HASH);
  const restore = (text: string): string =>
    text.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_, index: string) => placeholders[Number(index)] ?? '').replaceAll(HASH, '#');

  const words: string[] = [];
  for (const entry of parse(protectedLine, (name) => `$${name}`)) {
    if (typeof entry === 'string') words.push(restore(entry));
    else if ('comment' in entry) break;
    else if (entry.op === 'glob') words.push(restore(entry.pattern));
    else return { ok: false, reason: `contains the shell operator ${entry.op}` };
  }
  return { ok: true, words };
}

// A backslash before a newline continues the line (shell-quote would leave an empty word).
function joinContinuations(line: string): string {
  return line.replace(/\\\r?\n/g, '');
}

// shell-quote reads an unclosed quote as if it were closed at the end of the line.
function unbalancedQuote(line: string): string | undefined {
  // "$'" is bash's ANSI-C quote, where a backslash escapes the closing quote too.
  let quote: "'" | '"' | "$'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = undefined;
    } else if (ch === '\\') {
      i++;
    } else if (quote !== undefined) {
      if (ch === quote.slice(-1)) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch === "'" && line.charAt(i - 1) === '$' ? "$'" : ch;
    }
  }
  if (quote === "'" || quote === "$'") return 'unclosed single quote';
  if (quote === '"') return 'unclosed double quote';
  return undefined;
}
