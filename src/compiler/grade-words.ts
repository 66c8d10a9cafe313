import { canonicalFlags, flagTableFor, isFlagWord } from '../commands/flag-lookup.js';
import type { FlagSpec } from '../commands/flag-spec.js';
import { stripPrompt } from '../commands/shell-prompt.js';
import { damerauLevenshtein, normalizeText } from './text-distance.js';

/**
 * Grades a typed answer against a card's answer, by meaning both ways. Case, spacing and
 * punctuation of words never matter ("Kube-Proxy" = "kube proxy"), nor do a leading article, a
 * plural `s`, a trailing generic noun (".dockerignore" for ".dockerignore file") or a common
 * abbreviation ("net namespace" = "network namespace"). Flags are words whose case matters
 * (`-P` is not `-p`) and whose short and long forms are one (`-d` = `--detach`). Alternatives the
 * answer writes ("containerd (or CRI-O)", "A or B", "A / B") and those the card lists are each
 * accepted. One typo (one edit or swap) is forgiven in a word of six or more letters, because a
 * learner who types "kubelte" knows the word; shorter words must be exact: "pid" vs "pod" is a
 * different answer, not a typo.
 */

/** One piece of the word diff shown to the learner. */
export interface DiffPart {
  /** 'added': typed but not in the answer; 'removed': in the answer but not typed. */
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Result of grading a typed answer. */
export interface WordGrade {
  correct: boolean;
  /** Correct only thanks to the forgiven typo. */
  typo: boolean;
  diff: DiffPart[];
}

/** What else grading knows about the question. */
export interface WordGradeOptions {
  /** Other answers to accept: given by the note, or by a learner's edit of the card. */
  alternatives?: string[];
  /** The question's prompt; it says which command a flag answer belongs to. */
  prompt?: string;
}

const MIN_TYPO_WORD = 6;
const MIN_PLURAL_STEM = 3;
const MAX_CHOICE_WORDS = 3;

/** Abbreviations of Docker and Kubernetes writing, mapped to the word they stand for. */
const SYNONYMS: Record<string, string> = {
  net: 'network', ns: 'namespace', k8s: 'kubernetes', img: 'image', ctr: 'container', env: 'environment',
  var: 'variable', vars: 'variables', dir: 'directory', repo: 'repository', svc: 'service', deploy: 'deployment',
  cm: 'configmap', sa: 'serviceaccount', ds: 'daemonset', sts: 'statefulset', rs: 'replicaset', ing: 'ingress',
  vol: 'volume', pv: 'persistentvolume', pvc: 'persistentvolumeclaim', hpa: 'horizontalpodautoscaler',
  cfg: 'configuration', config: 'configuration', info: 'information', app: 'application',
};

/** Nouns that only say what kind of thing the answer is; ".dockerignore" is ".dockerignore file". */
// Not "daemon", "client", "plugin": "Docker daemon" and "network plugin" need their noun.
const GENERIC_NOUNS = new Set([
  'file', 'command', 'subcommand', 'flag', 'option', 'instruction', 'directive', 'keyword', 'field', 'object',
  'resource', 'tool', 'parameter', 'setting',
]);

const ARTICLES = new Set(['the', 'a', 'an']);

// After a comma, what starts an explanation of the term rather than the next item of a list.
const EXPLANATION_LEAD = /^(?:through|via|by|with|using|which|that|the|a|an|for|in|on|when|because|i\.e\.|e\.g\.)\s[^,]*$/i;

// In parentheses, what introduces another answer rather than an explanation.
const ALTERNATIVE_LEAD = /^(?:or|aka|a\.k\.a\.?|also|also called|also known as|i\.e\.?)\s+(.+)$/i;

interface Token {
  /** Lower-case word with abbreviations expanded, or a flag's canonical `--long` spelling. */
  key: string;
  /** The word as normalised, before abbreviations are expanded. */
  plain: string;
  flag: boolean;
}

type Verdict = 'same' | 'typo' | 'different';

/** Grades `given` against `expected` (and its alternatives) and returns a word diff for display. */
export function gradeWords(expected: string, given: string, options: WordGradeOptions = {}): WordGrade {
  const context = `${options.prompt ?? ''}\n${expected}`;
  let typoMatch: { answer: string; table: FlagSpec[] | undefined } | undefined;
  for (const answer of acceptedAnswers(expected, options.alternatives ?? [])) {
    const table = flagTableFor(flagWordsOf(answer), context);
    const verdict = compare(tokens(answer, table), tokens(given, table));
    if (verdict === 'same') return { correct: true, typo: false, diff: wordDiff(answer, given, table) };
    if (verdict === 'typo') typoMatch ??= { answer, table };
  }
  if (typoMatch) return { correct: true, typo: true, diff: wordDiff(typoMatch.answer, given, typoMatch.table) };
  return { correct: false, typo: false, diff: wordDiff(expected, given, flagTableFor(flagWordsOf(expected), context)) };
}

/**
 * Every answer that counts: the answer itself; without its parentheses; what a parenthesis offers
 * instead ("(or CRI-O)", "(aka CRI)", an acronym, a flag); each side of "A or B", "A, B or C",
 * "A / B" and "-d/--detach"; a term before its explanation ("containerd, through the CRI"); and
 * the same for each listed alternative.
 */
export function acceptedAnswers(expected: string, alternatives: string[] = []): string[] {
  const accepted = new Set<string>();
  for (const answer of [expected, ...alternatives]) {
    for (const variant of variantsOf(answer)) if (variant.trim()) accepted.add(variant.trim());
  }
  return [...accepted];
}

function variantsOf(answer: string): string[] {
  const variants = [answer];
  const bare = answer.replace(/\s*\(([^()]*)\)/g, '').trim();
  if (bare !== answer.trim()) variants.push(bare);
  for (const [, inside = ''] of answer.matchAll(/\(([^()]*)\)/g)) {
    const offered = ALTERNATIVE_LEAD.exec(inside.trim())?.[1];
    if (offered && words(offered) <= MAX_CHOICE_WORDS) variants.push(offered, ...splitChoices(offered));
    else if (/^(?:[A-Z][A-Z0-9-]{1,9}s?|--?[A-Za-z][\w-]*)$/.test(inside.trim())) variants.push(inside.trim());
  }
  variants.push(...splitChoices(bare));
  // "containerd, through the CRI": a short term followed by an explanation of it.
  const explained = /^([^,]+),\s+(.+)$/.exec(bare);
  if (explained && words(explained[1] ?? '') <= MAX_CHOICE_WORDS && EXPLANATION_LEAD.test(explained[2] ?? '')) {
    variants.push(explained[1] ?? '');
  }
  const flagPair = /^(--?[A-Za-z][\w-]*)\s*\/\s*(--?[A-Za-z][\w-]*)$/.exec(bare);
  if (flagPair) variants.push(flagPair[1] ?? '', flagPair[2] ?? '');
  return variants;
}

// "A or B", "either A or B", "A, B, or C", "A / B" → each choice; anything else → nothing. Only
// short choices are terms: in "a folder kept on the host or in the cloud", "in the cloud" is not
// an answer of its own.
function splitChoices(text: string): string[] {
  const body = text.replace(/^either\s+/i, '');
  const choices = /\s+or\s+/i.test(body)
    ? body.split(/\s*,\s*(?:or\s+)?|\s+or\s+/i)
    : /\s\/\s/.test(body)
      ? body.split(/\s+\/\s+/)
      : [];
  return choices.every((choice) => words(choice) <= MAX_CHOICE_WORDS) ? choices : [];
}

function words(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

function compare(want: Token[], got: Token[]): Verdict {
  if (want.length === 0) return 'different';
  if (want.length === got.length && want.every((token, i) => sameToken(token, got[i]))) return 'same';
  // Spacing never matters: "unless-stopped" = "unlessstopped", "pvc" = "persistent volume claim";
  // but numbers are never run together (`8080:80` is not `80:8080`).
  const joined = (list: Token[], field: 'key' | 'plain'): string => list.map((token) => token[field]).join('');
  const numbers = (list: Token[]): string => list.filter((token) => /^\d+$/.test(token.key)).map((token) => token.key).join(' ');
  const sameJoined = joined(want, 'key') === joined(got, 'key') || joined(want, 'plain') === joined(got, 'plain');
  if (sameJoined && numbers(want) === numbers(got)) return 'same';
  return isOneTypo(want, got) ? 'typo' : 'different';
}

function sameToken(a: Token, b: Token | undefined): boolean {
  if (!b || a.flag !== b.flag) return false;
  if (a.key === b.key) return true;
  if (a.flag) return false;
  const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
  return short.length >= MIN_PLURAL_STEM && (long === `${short}s` || long === `${short}es`);
}

function isOneTypo(want: Token[], got: Token[]): boolean {
  if (want.length !== got.length) return false;
  const differing = want.flatMap((token, i) => (sameToken(token, got[i]) ? [] : [i]));
  if (differing.length !== 1) return false;
  const index = differing[0] ?? 0;
  const expected = want[index];
  const actual = got[index];
  if (!expected || !actual || expected.flag || actual.flag) return false;
  return expected.plain.length >= MIN_TYPO_WORD && damerauLevenshtein(expected.plain, actual.plain) <= 1;
}

// The words of an answer, flags spelled canonically (in sorted runs: `-t -i` = `-it`), without a
// leading article or a trailing generic noun.
function tokens(text: string, table: FlagSpec[] | undefined): Token[] {
  const list: Token[] = [];
  let flagRun: Token[] = [];
  const endRun = (): void => {
    list.push(...flagRun.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
    flagRun = [];
  };
  for (const chunk of commandText(text).split(/\s+/)) {
    const word = trimWrapping(chunk);
    if (isFlagWord(word)) {
      const [name = '', ...value] = word.split('=');
      for (const key of (table && canonicalFlags(name, table)) ?? [name]) flagRun.push({ key, plain: key, flag: true });
      if (value.length > 0) endRun();
      list.push(...wordTokens(value.join('=')));
    } else {
      endRun();
      list.push(...wordTokens(chunk));
    }
  }
  endRun();
  if (list.length > 1 && ARTICLES.has(list[0]?.key ?? '')) list.shift();
  if (list.length > 1 && GENERIC_NOUNS.has(list[list.length - 1]?.key ?? '')) list.pop();
  return list;
}

function wordTokens(text: string): Token[] {
  return normalizeText(text)
    .split(' ')
    .filter(Boolean)
    .map((plain) => ({ key: SYNONYMS[plain] ?? plain, plain, flag: false }));
}

// A typed command keeps its meaning without the prompt pasted before it.
function commandText(text: string): string {
  const stripped = stripPrompt(text);
  return /^(?:docker|kubectl)\b/.test(stripped) ? stripped : text;
}

function trimWrapping(chunk: string): string {
  return chunk.replace(/^[`'"([]+/, '').replace(/[`'"),.;:!?\]]+$/, '');
}

function flagWordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .map(trimWrapping)
    .filter(isFlagWord)
    .map((word) => word.split('=')[0] ?? word);
}

/** Word-level diff (longest common subsequence on normalised words, original words shown). */
export function wordDiff(expected: string, given: string, table?: FlagSpec[]): DiffPart[] {
  const a = expected.split(/\s+/).filter(Boolean);
  const b = given.split(/\s+/).filter(Boolean);
  const diffKey = (word: string): string => tokens(word, table).map((token) => token.key).join(' ') || normalizeText(word);
  const na = a.map(diffKey);
  const nb = b.map(diffKey);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = na[i] === nb[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && na[i] === nb[j]) {
      push(parts, 'same', b[j] ?? '');
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      push(parts, 'added', b[j] ?? '');
      j++;
    } else {
      push(parts, 'removed', a[i] ?? '');
      i++;
    }
  }
  return parts;
}

// Neighbouring words with the same op are shown as one run.
function push(parts: DiffPart[], op: DiffPart['op'], word: string): void {
  const last = parts[parts.length - 1];
  if (last?.op === op) last.text = `${last.text} ${word}`;
  else parts.push({ op, text: word });
}
