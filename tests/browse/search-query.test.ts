import { describe, expect, it } from 'vitest';
import { MAX_TERMS, parseSearch, type SearchNode } from '../../src/browse/search-query.js';

const word = (...pattern: string[]): SearchNode => ({ type: 'text', pattern });
const topic = (...pattern: string[]): SearchNode => ({ type: 'topic', pattern });
const not = (node: SearchNode): SearchNode => ({ type: 'not', node });
const and = (...nodes: SearchNode[]): SearchNode => ({ type: 'and', nodes });
const or = (...nodes: SearchNode[]): SearchNode => ({ type: 'or', nodes });

function parsed(query: string): SearchNode | null {
  const result = parseSearch(query);
  if (!result.ok) throw new Error(`expected "${query}" to parse, got: ${result.error.message}`);
  return result.node;
}

function failure(query: string): { message: string; column: number } {
  const result = parseSearch(query);
  if (result.ok) throw new Error(`expected "${query}" to be refused`);
  return result.error;
}

describe('parseSearch: what each construct means', () => {
  it.each<[string, SearchNode | null]>([
    ['', null],
    ['   ', null],
    ['docker', word('docker')],
    ['docker run', and(word('docker'), word('run'))],
    ['"docker run -d"', word('docker run -d')],
    ['"-p"', word('-p')],
    ['kube*ctl', word('kube', 'ctl')],
    ['\\*', word('*')],
    ['"say \\"hi\\""', word('say "hi"')],
    ['C:\\temp', word('C:\\temp')],
    ['nginx:latest', word('nginx:latest')],
    ['8080:80', word('8080:80')],
    ['"topic:docker"', word('topic:docker')],
    ['cp-r', word('cp-r')],
    ['topic:docker', topic('docker')],
    ['TOPIC:Docker', topic('Docker')],
    ['topic:"Containers with Docker"', topic('Containers with Docker')],
    ['topic:docker*', topic('docker', '')],
    ['topic:docker::volumes', topic('docker › volumes')],
    ['topic:"Docker › Volumes"', topic('Docker › Volumes')],
    ['kind:cloze', { type: 'kind', kind: 'cloze' }],
    ['kind:Command', { type: 'kind', kind: 'command' }],
    ['kind:basic', { type: 'kind', kind: 'basic' }],
    ['kind:choice', { type: 'kind', kind: 'choice' }],
    ['is:due', { type: 'is', state: 'due' }],
    ['is:new', { type: 'is', state: 'new' }],
    ['is:suspended', { type: 'is', state: 'suspended' }],
    ['IS:FLAGGED', { type: 'is', state: 'flagged' }],
    ['-docker', not(word('docker'))],
    ['-"docker run"', not(word('docker run'))],
    ['-is:suspended', not({ type: 'is', state: 'suspended' })],
    ['--rm', word('--rm')],
    ['-(--rm)', not(word('--rm'))],
    ['a OR b', or(word('a'), word('b'))],
    ['a or b', or(word('a'), word('b'))],
    ['"OR"', word('OR')],
    ['a AND b', and(word('a'), word('b'))],
    ['(a)', word('a')],
    ['-(a b)', not(and(word('a'), word('b')))],
  ])('%s', (query, tree) => {
    expect(parsed(query)).toEqual(tree);
  });
});

describe('parseSearch: precedence as in Anki', () => {
  it('binds the implied AND tighter than OR', () => {
    expect(parsed('a b OR c')).toEqual(or(and(word('a'), word('b')), word('c')));
    expect(parsed('a OR b c')).toEqual(or(word('a'), and(word('b'), word('c'))));
    expect(parsed('a OR b OR c')).toEqual(or(word('a'), word('b'), word('c')));
  });

  it('binds an explicit AND the same way as a space', () => {
    expect(parsed('a AND b OR c')).toEqual(or(and(word('a'), word('b')), word('c')));
  });

  it('groups with parentheses', () => {
    expect(parsed('a (b OR c)')).toEqual(and(word('a'), or(word('b'), word('c'))));
    expect(parsed('is:due (topic:docker OR topic:kubernetes) -kind:cloze')).toEqual(
      and({ type: 'is', state: 'due' }, or(topic('docker'), topic('kubernetes')), not({ type: 'kind', kind: 'cloze' })),
    );
  });

  it('negates only the term right after the minus', () => {
    expect(parsed('-a b')).toEqual(and(not(word('a')), word('b')));
    expect(parsed('-a OR b')).toEqual(or(not(word('a')), word('b')));
  });

  it('ends a word at a parenthesis', () => {
    expect(parsed('(a OR b)c')).toEqual(and(or(word('a'), word('b')), word('c')));
  });
});

describe('parseSearch: malformed queries say what and where', () => {
  it.each<[string, string, number]>([
    ['docker "run', 'unclosed quote at column 8', 8],
    ['topic:"Containers', 'unclosed quote at column 7', 7],
    ['is:xyz', 'unknown is:xyz at column 1 — use due, new, suspended, flagged', 1],
    ['docker is:later', 'unknown is:later at column 8 — use due, new, suspended, flagged', 8],
    ['kind:mcq', 'unknown kind:mcq at column 1 — use basic, cloze, command, choice', 1],
    ['topic:', 'topic: at column 1 needs a value, like topic:docker', 1],
    ['a is:', 'is: at column 3 needs a value, like is:due', 3],
    ['kind:""', 'kind: at column 1 needs a value, like kind:command', 1],
    ['(a OR b', 'unclosed "(" at column 1', 1],
    ['a b)', 'unmatched ")" at column 4', 4],
    [')', 'unmatched ")" at column 1', 1],
    ['()', 'empty parentheses at column 1', 1],
    ['OR a', 'OR at column 1 needs a search on both sides', 1],
    ['a OR', 'OR at column 3 needs a search on both sides', 3],
    ['a OR OR b', 'OR at column 3 needs a search on both sides', 3],
    ['(a OR) b', 'OR at column 4 needs a search on both sides', 4],
    ['a AND', 'AND at column 3 needs a search on both sides', 3],
    ['a -', '"-" at column 3 needs something to leave out right after it', 3],
    ['a - b', '"-" at column 3 needs something to leave out right after it', 3],
    ['(a -)', '"-" at column 4 needs something to leave out right after it', 4],
    ['a ""', 'empty quotes at column 3', 3],
  ])('%s → %s', (query, message, column) => {
    expect(failure(query)).toEqual({ message, column });
  });

  it(`refuses more than ${MAX_TERMS} terms`, () => {
    const many = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(parseSearch(Array.from({ length: MAX_TERMS }, (_, i) => `w${i}`).join(' ')).ok).toBe(true);
    expect(failure(many).message).toBe(`more than ${MAX_TERMS} search terms (at column ${many.lastIndexOf('w') + 1})`);
  });
});
