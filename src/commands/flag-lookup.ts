import { DOCKER } from './docker-spec.js';
import type { FlagSpec } from './flag-spec.js';
import { KUBECTL } from './kubectl-spec.js';

/**
 * Flags outside a command line: a word answer such as `-d` or "the --publish-all flag". The same
 * letter means different things in different subcommands (`-d` is --detach for `docker run`,
 * --driver for `docker network create`), so the table comes from what the question is about —
 * the command the prompt names, else `docker run`, kubectl, then any docker subcommand that knows
 * every flag of the expected answer. Case is part of a flag: `-P` is not `-p`.
 */

const FLAG_WORD = /^--?[A-Za-z][\w-]*(?:=\S*)?$/;

/** Whether a word is written as a flag (`-d`, `--detach`, `--name=web`). */
export function isFlagWord(word: string): boolean {
  return FLAG_WORD.test(word);
}

/** The flag table to read the flags of `expectedFlags` with, given the prompt and answer text. */
export function flagTableFor(expectedFlags: string[], context: string): FlagSpec[] | undefined {
  const named = namedTable(context);
  if (named) return named;
  const candidates = [
    [...(DOCKER.subcommands.run?.flags ?? []), ...DOCKER.globalFlags],
    KUBECTL.globalFlags,
    ...Object.values(DOCKER.subcommands).map((sub) => [...sub.flags, ...DOCKER.globalFlags]),
  ];
  return candidates.find((table) => expectedFlags.every((word) => canonicalFlags(word, table) !== undefined));
}

/**
 * The canonical spelling of a flag word: `-it` → `--interactive --tty`, `--net=x` → `--network`.
 * Undefined when the table does not know it, so the caller compares the word as written.
 */
export function canonicalFlags(word: string, table: FlagSpec[]): string[] | undefined {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0] ?? '';
    const spec = table.find((f) => f.long === name || f.aliases?.includes(name));
    return spec ? [`--${spec.long}`] : undefined;
  }
  const names: string[] = [];
  const letters = word.slice(1);
  for (let k = 0; k < letters.length; k++) {
    const spec = table.find((f) => f.short === letters.charAt(k));
    if (!spec) return undefined;
    names.push(`--${spec.long}`);
    // The rest of the word is this flag's value (`-p8080:80`, `-owide`).
    if (spec.takesValue) break;
  }
  return names;
}

// The table of the command the prompt or answer names: "docker network create", "kubectl".
function namedTable(context: string): FlagSpec[] | undefined {
  if (/\bkubectl\b/.test(context)) return KUBECTL.globalFlags;
  const match = /\bdocker((?:\s+[a-z][a-z-]*){1,3})/.exec(context);
  if (!match) return undefined;
  const words = (match[1] ?? '').trim().split(/\s+/);
  for (let length = words.length; length > 0; length--) {
    const path = words.slice(0, length).join(' ');
    const sub = DOCKER.subcommands[DOCKER.aliases[path] ?? path];
    if (sub) return [...sub.flags, ...DOCKER.globalFlags];
  }
  return undefined;
}
