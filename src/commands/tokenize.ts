/**
 * Shell-like word splitting for one command line: single quotes are literal, double quotes allow
 * backslash escapes, a backslash outside quotes escapes the next character. Operators that make
 * a pipeline or a list (`|`, `;`, `&&`, `||`, redirections) are reported, because such a line is
 * several commands and cannot be compared as one parsed invocation.
 */

/** Words of a command line, or why it is not a single simple command. */
export type Tokenized = { ok: true; words: string[] } | { ok: false; reason: string };

const OPERATOR_CHARS = new Set(['|', ';', '&', '<', '>']);

/** Splits a command line into words the way a POSIX shell would, without expansions. */
export function tokenize(line: string): Tokenized {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return { ok: false, reason: 'unclosed single quote' };
      current += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line.charAt(j) !== '"'; j++) {
        if (line.charAt(j) === '\\' && j + 1 < line.length) j++;
        current += line.charAt(j);
      }
      if (j >= line.length) return { ok: false, reason: 'unclosed double quote' };
      inWord = true;
      i = j;
    } else if (ch === '\\') {
      // A backslash-newline is a line continuation; anything else is taken literally.
      const next = line.charAt(i + 1);
      if (next !== '\n') {
        current += next;
        inWord = true;
      }
      i++;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (OPERATOR_CHARS.has(ch)) {
      return { ok: false, reason: `contains the shell operator ${ch}` };
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return { ok: true, words };
}
