import { DOCKER } from './docker-spec.js';
import type { FlagSpec, ProgramSpec } from './flag-spec.js';
import { KUBECTL } from './kubectl-spec.js';
import { stripPrompt } from './shell-prompt.js';
import { tokenize } from './tokenize.js';
import type { ValueRules } from './value-match.js';

/**
 * Parses a docker or kubectl invocation into its meaning: which subcommand, which flags with which
 * values (as multisets, keyed by canonical long name), which positionals, and what comes after
 * the image or `--` (the command run inside the container), which is kept word for word. A pasted
 * prompt (`$ `, `user@host:~$ `) and `sudo` in front are not part of the command.
 */

/** A parsed invocation. */
export interface ParsedCommand {
  program: string;
  /** Canonical subcommand path, e.g. ['run'] for `docker container run`. */
  path: string[];
  /** `--long` → values in order given; booleans have the value 'true'. */
  flags: Map<string, string[]>;
  positionals: string[];
  /** Words after the image (docker run) or after `--`: the program run in the container. */
  rest: string[];
  /** Names of the first positionals, for messages ("image", "container"). */
  positionalNames: string[];
  /** The value rules of the flags that have any (`--output` is vocabulary), by canonical name. */
  valueRules: Map<string, ValueRules>;
  /** Positionals that are vocabulary (kubectl's resource type), by index. */
  keywordPositionals: Set<number>;
}

const PROGRAMS: Record<string, ProgramSpec> = { docker: DOCKER, kubectl: KUBECTL };
// `alias k=kubectl` is the first line of every CKA course; notes and learners use both.
const PROGRAM_ALIASES: Record<string, string> = { k: 'kubectl' };
const MAX_PATH_WORDS = 4;

/** Parses a command line, or returns undefined for other programs and shell constructs. */
export function parseCommand(line: string): ParsedCommand | undefined {
  const tokens = tokenize(stripPrompt(line));
  if (!tokens.ok) return undefined;
  const [typed = '', ...words] = tokens.words;
  const program = PROGRAM_ALIASES[typed] ?? typed;
  const spec = PROGRAMS[program];
  if (!spec) return undefined;

  const flags = new Map<string, string[]>();
  let i = 0;
  // Global flags come before the subcommand (`docker -H host ps`, `kubectl -n ns get pods`).
  while (i < words.length && isFlagWord(words[i] ?? '')) i = readFlag(words, i, spec.globalFlags, flags);
  const { path, length } = matchPath(words.slice(i).filter((w) => !isFlagWord(w)), spec);
  i = skipPath(words, i, length, spec, flags);
  const sub = spec.subcommands[path];
  const table = [...(sub?.flags ?? []), ...spec.globalFlags];

  const positionals: string[] = [];
  const rest: string[] = [];
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word === '--') {
      rest.push(...words.slice(i + 1));
      break;
    }
    if (sub?.positionalsBeforeRest !== undefined && positionals.length >= sub.positionalsBeforeRest) {
      rest.push(...words.slice(i));
      break;
    }
    if (isFlagWord(word)) {
      i = readFlag(words, i, table, flags);
      continue;
    }
    positionals.push(word);
    i++;
  }
  const expanded = spec.expandPositionals ? spec.expandPositionals(positionals, path) : positionals;
  const normalized = expanded.map((p, index) => spec.normalizePositional?.(p, index, path) ?? p);
  const valueRules = new Map<string, ValueRules>(
    table.filter((f) => f.literal || f.fixedTail).map((f) => [f.long, { literal: f.literal ?? false, fixedTail: f.fixedTail ?? false }]),
  );
  const keywordPositionals = new Set(normalized.flatMap((_, index) => (spec.keywordPositional?.(index, path) ? [index] : [])));
  return {
    program,
    path: path ? path.split(' ') : [],
    flags,
    positionals: normalized,
    rest,
    positionalNames: sub?.positionalNames ?? [],
    valueRules,
    keywordPositionals,
  };
}

function isFlagWord(word: string): boolean {
  return word.length > 1 && word.startsWith('-') && word !== '--';
}

// Longest known subcommand (or alias) made of the leading non-flag words.
function matchPath(candidates: string[], spec: ProgramSpec): { path: string; length: number } {
  for (let length = Math.min(MAX_PATH_WORDS, candidates.length); length > 0; length--) {
    const path = candidates.slice(0, length).join(' ');
    if (spec.subcommands[path]) return { path, length };
    const alias = spec.aliases[path];
    if (alias) return { path: alias, length };
  }
  return { path: candidates[0] ?? '', length: candidates.length > 0 ? 1 : 0 };
}

// Steps over the subcommand words, reading any flags interleaved with them.
function skipPath(words: string[], start: number, length: number, spec: ProgramSpec, flags: Map<string, string[]>): number {
  let i = start;
  let seen = 0;
  while (i < words.length && seen < length) {
    if (isFlagWord(words[i] ?? '')) i = readFlag(words, i, spec.globalFlags, flags);
    else {
      seen++;
      i++;
    }
  }
  return i;
}

// Reads the flag at words[i] (with its value) into `flags`; returns the index after it.
function readFlag(words: string[], i: number, table: FlagSpec[], flags: Map<string, string[]>): number {
  const word = words[i] ?? '';
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
    const spec = table.find((f) => f.long === name || f.aliases?.includes(name));
    const key = spec?.long ?? name;
    if (eq !== -1) return add(flags, spec, key, word.slice(eq + 1)), i + 1;
    if (spec?.takesValue) return add(flags, spec, key, words[i + 1] ?? ''), i + 2;
    return add(flags, spec, key, 'true'), i + 1;
  }
  // A bundle of short flags: `-it`, `-dp 80:80`, `-owide`, `-p=8080:80`.
  const letters = word.slice(1);
  for (let k = 0; k < letters.length; k++) {
    const letter = letters.charAt(k);
    const spec = table.find((f) => f.short === letter);
    if (spec?.takesValue) {
      const attached = letters.slice(k + 1).replace(/^=/, '');
      if (attached) return add(flags, spec, spec.long, attached), i + 1;
      return add(flags, spec, spec.long, words[i + 1] ?? ''), i + 2;
    }
    add(flags, spec, spec?.long ?? letter, 'true');
  }
  return i + 1;
}

function add(flags: Map<string, string[]>, spec: FlagSpec | undefined, key: string, raw: string): void {
  // `--detach=false` is the same as leaving the flag out.
  if (spec && !spec.takesValue && raw.toLowerCase() === 'false') return;
  const value = spec && !spec.takesValue ? 'true' : (spec?.normalize?.(raw) ?? raw);
  const values = flags.get(key) ?? [];
  values.push(value);
  flags.set(key, values);
}
