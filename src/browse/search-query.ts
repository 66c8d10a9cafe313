import type { CardKind } from '../compiler/types.js';
import { TOPIC_SEPARATOR } from '../content/card.js';

/**
 * Browse's search language, a small Anki: words and "quoted phrases" (`*` is a wildcard),
 * `topic:`, `kind:`, `is:`, `-` to negate, `OR` (and an optional `AND`), and parentheses.
 * As in Anki, AND (also implied by a space) binds tighter than OR: `a b OR c` is `(a b) OR c`.
 *
 * This file is pure: the query string becomes a validated tree or a located message, and
 * src/browse/search-sql.ts turns the tree into SQL.
 */

export const CARD_KINDS = ['basic', 'cloze', 'command', 'choice'] as const satisfies readonly CardKind[];
export const CARD_STATES = ['due', 'new', 'suspended', 'flagged'] as const;
export type CardStateName = (typeof CARD_STATES)[number];

/** More than this many terms is refused: no one types them, and each one is a SQL condition. */
export const MAX_TERMS = 30;

/**
 * A text pattern cut at its wildcards: `do*er` is `['do', 'er']`, `docker` is `['docker']`.
 * The pieces are literal text (no SQL meaning); the compiler escapes them.
 */
export type Pattern = readonly string[];

export type SearchNode =
  /** A word or a phrase, found in the prompt, the answer or the topic, ignoring case. */
  | { type: 'text'; pattern: Pattern }
  /** A topic path (segments joined with ' › ') and everything under it. */
  | { type: 'topic'; pattern: Pattern }
  | { type: 'kind'; kind: CardKind }
  | { type: 'is'; state: CardStateName }
  | { type: 'not'; node: SearchNode }
  | { type: 'and'; nodes: SearchNode[] }
  | { type: 'or'; nodes: SearchNode[] };

export interface SearchSyntaxError {
  message: string;
  /** 1-based column of the character the message is about. */
  column: number;
}

/** A parsed query: `null` for an empty one (every card). */
export type ParsedSearch = { ok: true; node: SearchNode | null } | { ok: false; error: SearchSyntaxError };

interface WordToken {
  type: 'word';
  /** The text with quotes and escapes resolved. */
  text: string;
  /** As typed, for keywords and field names. */
  raw: string;
  column: number;
}
type Token = WordToken | { type: 'open'; column: number } | { type: 'close'; column: number } | { type: 'or'; column: number } | { type: 'and'; column: number } | { type: 'not'; column: number };

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parses a Browse query into its tree, or says what is wrong and where. */
export function parseSearch(query: string): ParsedSearch {
  try {
    const tokens = tokenize(query);
    if (tokens.length === 0) return { ok: true, node: null };
    const parser = new Parser(tokens, query.length + 1);
    return { ok: true, node: parser.parseQuery() };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, error: { message: error.message, column: error.column } };
    throw error;
  }
}

// A backslash keeps these characters literal: `\"`, `\*`, `\(`, `\-`; before anything else it is
// itself (so `C:\temp` needs no escaping).
const ESCAPABLE = new Set(['\\', '"', '*', '(', ')', '-', ':']);
// A literal `*` inside a word, kept apart from the wildcard until the pattern is built.
const LITERAL_STAR = '\u0000';

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] ?? '';
    const column = i + 1;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(') {
      tokens.push({ type: 'open', column });
      i += 1;
    } else if (ch === ')') {
      tokens.push({ type: 'close', column });
      i += 1;
    } else if (ch === '-' && isNegation(query, i)) {
      if (/\s/.test(query[i + 1] ?? ' ')) throw new SyntaxProblem(`"-" at column ${column} needs something to leave out right after it`, column);
      tokens.push({ type: 'not', column });
      i += 1;
    } else {
      const word = readWord(query, i);
      const upper = word.quoted ? '' : word.raw.toUpperCase();
      if (upper === 'OR') tokens.push({ type: 'or', column });
      else if (upper === 'AND') tokens.push({ type: 'and', column });
      else tokens.push({ type: 'word', text: word.text, raw: word.raw, column });
      i = word.end;
    }
  }
  return tokens;
}

// `-` negates at the start of a term; inside a word (`cp-r`, `8080-8090`) it is text, and so is a
// long flag (`--rm`): a double negation is never what a Docker learner means by it.
function isNegation(query: string, i: number): boolean {
  return (i === 0 || /[\s(]/.test(query[i - 1] ?? ' ')) && query[i + 1] !== '-';
}

/**
 * Reads one term from `start`: unquoted text up to a space or parenthesis, where a `"` opens a
 * quoted part (`"docker run"`, `topic:"Containers with Docker"`). `text` has the escapes and
 * quotes resolved; `raw` is what was typed, for keywords and field names.
 */
function readWord(query: string, start: number): { text: string; raw: string; end: number; quoted: boolean } {
  let text = '';
  let quoted = false;
  let i = start;
  while (i < query.length) {
    const ch = query[i] ?? '';
    if (ch === '\\' && ESCAPABLE.has(query[i + 1] ?? '')) {
      const next = query[i + 1] ?? '';
      text += next === '*' ? LITERAL_STAR : next;
      i += 2;
    } else if (ch === '"') {
      quoted = true;
      const open = i;
      i += 1;
      for (;;) {
        if (i >= query.length) throw new SyntaxProblem(`unclosed quote at column ${open + 1}`, open + 1);
        const inner = query[i] ?? '';
        if (inner === '\\' && ESCAPABLE.has(query[i + 1] ?? '')) {
          const next = query[i + 1] ?? '';
          text += next === '*' ? LITERAL_STAR : next;
          i += 2;
        } else if (inner === '"') {
          i += 1;
          break;
        } else {
          text += inner;
          i += 1;
        }
      }
    } else if (/[\s()]/.test(ch)) {
      break;
    } else {
      text += ch;
      i += 1;
    }
  }
  return { text, raw: query.slice(start, i), end: i, quoted };
}

// Recursive descent over:  query := or ;  or := and (OR and)* ;  and := unary ((AND)? unary)* ;
// unary := '-' unary | '(' or ')' | term
class Parser {
  private index = 0;
  private terms = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly endColumn: number,
  ) {}

  parseQuery(): SearchNode {
    const node = this.parseOr();
    const extra = this.peek();
    if (extra?.type === 'close') throw new SyntaxProblem(`unmatched ")" at column ${extra.column}`, extra.column);
    return node;
  }

  private parseOr(): SearchNode {
    const nodes = [this.parseAnd()];
    for (let token = this.peek(); token?.type === 'or'; token = this.peek()) {
      this.index += 1;
      this.expectOperand(token, 'OR');
      nodes.push(this.parseAnd());
    }
    return nodes.length === 1 ? (nodes[0] as SearchNode) : { type: 'or', nodes };
  }

  private parseAnd(): SearchNode {
    const nodes = [this.parseUnary()];
    for (let token = this.peek(); token && token.type !== 'or' && token.type !== 'close'; token = this.peek()) {
      if (token.type === 'and') {
        this.index += 1;
        this.expectOperand(token, 'AND');
      }
      nodes.push(this.parseUnary());
    }
    return nodes.length === 1 ? (nodes[0] as SearchNode) : { type: 'and', nodes };
  }

  private parseUnary(): SearchNode {
    const token = this.peek();
    if (!token) throw new SyntaxProblem('the search is empty', this.endColumn);
    if (token.type === 'or' || token.type === 'and') {
      const name = token.type.toUpperCase();
      throw new SyntaxProblem(`${name} at column ${token.column} needs a search on both sides`, token.column);
    }
    if (token.type === 'close') throw new SyntaxProblem(`unmatched ")" at column ${token.column}`, token.column);
    this.index += 1;
    if (token.type === 'not') {
      const next = this.peek();
      if (!next || next.type === 'close' || next.type === 'or' || next.type === 'and') {
        throw new SyntaxProblem(`"-" at column ${token.column} needs something to leave out right after it`, token.column);
      }
      return { type: 'not', node: this.parseUnary() };
    }
    if (token.type === 'open') {
      if (this.peek()?.type === 'close') throw new SyntaxProblem(`empty parentheses at column ${token.column}`, token.column);
      const node = this.parseOr();
      if (this.peek()?.type !== 'close') throw new SyntaxProblem(`unclosed "(" at column ${token.column}`, token.column);
      this.index += 1;
      return node;
    }
    this.terms += 1;
    if (this.terms > MAX_TERMS) throw new SyntaxProblem(`more than ${MAX_TERMS} search terms (at column ${token.column})`, token.column);
    return termOf(token);
  }

  private expectOperand(operator: Token, name: string): void {
    const next = this.peek();
    if (!next || next.type === 'or' || next.type === 'and' || next.type === 'close') {
      throw new SyntaxProblem(`${name} at column ${operator.column} needs a search on both sides`, operator.column);
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}

const FIELD = /^([A-Za-z]+):/;

function termOf(token: WordToken): SearchNode {
  const { column } = token;
  // A field is a known name before a colon, typed outside quotes. Any other `x:y` is text, so
  // that `nginx:latest` and `8080:80` are searched as they are written in the notes.
  const field = FIELD.exec(token.raw);
  const name = field?.[1]?.toLowerCase();
  if (field && (name === 'topic' || name === 'kind' || name === 'is')) {
    const value = token.text.slice(field[0].length);
    if (value.trim() === '') throw new SyntaxProblem(`${name}: at column ${column} needs a value, like ${EXAMPLES[name]}`, column);
    if (name === 'topic') return { type: 'topic', pattern: patternOf(normalizeTopic(value)) };
    const lower = value.toLowerCase();
    if (name === 'kind') {
      const kind = CARD_KINDS.find((k) => k === lower);
      if (!kind) throw new SyntaxProblem(`unknown kind:${value} at column ${column} — use ${CARD_KINDS.join(', ')}`, column);
      return { type: 'kind', kind };
    }
    const state = CARD_STATES.find((s) => s === lower);
    if (!state) throw new SyntaxProblem(`unknown is:${value} at column ${column} — use ${CARD_STATES.join(', ')}`, column);
    return { type: 'is', state };
  }
  if (token.text === '') throw new SyntaxProblem(`empty quotes at column ${column}`, column);
  return { type: 'text', pattern: patternOf(token.text) };
}

const EXAMPLES: Record<'topic' | 'kind' | 'is', string> = {
  topic: 'topic:docker',
  kind: 'kind:command',
  is: 'is:due',
};

// `::` (Anki's deck separator) and `›` both separate topic segments; spaces around them do not count.
function normalizeTopic(value: string): string {
  return value
    .split(/\s*(?:::|›)\s*/)
    .map((segment) => segment.trim())
    .join(TOPIC_SEPARATOR);
}

function patternOf(text: string): Pattern {
  return text.split('*').map((piece) => piece.replaceAll(LITERAL_STAR, '*'));
}
