import { type ParsedCommand, parseCommand } from './parse-command.js';
import { stripPrompt } from './shell-prompt.js';
import { type PromptFacts, promptFacts, type ValueMatcher, valueMatcher } from './value-match.js';

/**
 * Grading a typed command by meaning. Two docker or kubectl command lines are equal when they
 * parse to the same subcommand, the same positionals, the same words after the image, and the
 * same flags as multisets — so order, short vs long spelling, `--flag=value` vs `--flag value`,
 * bundled `-it` and `docker container run` vs `docker run` do not matter. Placeholders, and
 * values the question's prompt does not state, accept any value of their shape (see
 * value-match.ts). Anything else (pipes, other programs) is compared as whitespace-normalised text.
 */

/** Whether `given` means the same as `expected`, with the differences in plain words. */
export interface CommandComparison {
  equal: boolean;
  differences: string[];
}

/** What the comparison knows about the question. */
export interface CompareOptions {
  /** The question's prompt. Without it every value must match as written (placeholders aside). */
  prompt?: string;
}

// A shell is a shell: "open a shell in the container" is answered by sh as well as by bash.
const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash', '/bin/sh', '/bin/bash', '/bin/ash']);

/** Compares a learner's command with the expected one. */
export function commandsEquivalent(expected: string, given: string, options: CompareOptions = {}): CommandComparison {
  const want = parseCommand(expected);
  const got = parseCommand(given);
  if (!want || !got) return compareText(expected, given);
  const facts = promptFacts(options.prompt);
  const differences = [
    ...comparePrograms(want, got),
    ...comparePositionals(want, got, facts),
    ...compareFlags(want, got, facts),
    ...compareRest(want, got, facts),
  ];
  return { equal: differences.length === 0, differences };
}

function compareText(expected: string, given: string): CommandComparison {
  const words = (text: string): string[] => stripPrompt(text).split(/\s+/).filter(Boolean);
  const want = words(expected);
  const got = words(given);
  const equal = want.length === got.length && want.every((word, i) => valueMatcher(word, undefined).matches(got[i] ?? ''));
  return { equal, differences: equal ? [] : [`expected ${want.join(' ')}`] };
}

function comparePrograms(want: ParsedCommand, got: ParsedCommand): string[] {
  if (want.program !== got.program) return [`program is ${got.program}, expected ${want.program}`];
  const wantPath = want.path.join(' ');
  const gotPath = got.path.join(' ');
  return wantPath === gotPath ? [] : [`subcommand is ${gotPath || 'missing'}, expected ${wantPath}`];
}

function comparePositionals(want: ParsedCommand, got: ParsedCommand, facts: PromptFacts | undefined): string[] {
  if (want.path.join(' ') !== got.path.join(' ')) return [];
  const differences: string[] = [];
  const count = Math.max(want.positionals.length, got.positionals.length);
  for (let i = 0; i < count; i++) {
    const expected = want.positionals[i];
    const actual = got.positionals[i];
    const name = want.positionalNames[i] ?? `argument ${i + 1}`;
    if (expected === undefined) {
      differences.push(`unexpected ${name} ${actual ?? ''}`.trim());
      continue;
    }
    const matcher = valueMatcher(expected, want.keywordPositionals.has(i) ? undefined : facts);
    if (actual === undefined) differences.push(`missing ${name}${matcher.exact ? ' ' : ': '}${matcher.describe}`);
    else if (!matcher.matches(actual)) differences.push(`${name} is ${actual}, expected ${matcher.describe}`);
  }
  return differences;
}

function compareFlags(want: ParsedCommand, got: ParsedCommand, facts: PromptFacts | undefined): string[] {
  const differences: string[] = [];
  const keys = [...new Set([...want.flags.keys(), ...got.flags.keys()])].sort();
  for (const key of keys) {
    const expected = [...(want.flags.get(key) ?? [])].sort();
    const actual = [...(got.flags.get(key) ?? [])].sort();
    const matchers = expected.map((value) => valueMatcher(value, facts, want.valueRules.get(key)));
    if (matchesAll(matchers, actual)) continue;
    const flagName = key.length === 1 ? `-${key}` : `--${key}`;
    const described = matchers.map((matcher) => matcher.describe);
    if (actual.length === 0) differences.push(`missing flag ${withValues(flagName, described)}`);
    else if (expected.length === 0) differences.push(`unexpected flag ${withValues(flagName, actual)}`);
    else differences.push(`flag ${flagName} is ${actual.join(', ')}, expected ${described.join(', ')}`);
  }
  return differences;
}

function compareRest(want: ParsedCommand, got: ParsedCommand, facts: PromptFacts | undefined): string[] {
  const expected = want.rest.join(' ');
  const actual = got.rest.join(' ');
  const sameWords =
    want.rest.length === got.rest.length && want.rest.every((word, i) => restWordMatches(word, got.rest[i] ?? '', facts));
  if (sameWords) return [];
  if (!actual) return [`missing command ${expected} after the ${want.positionalNames[0] ?? 'arguments'}`];
  if (!expected) return [`unexpected command ${actual} after the ${want.positionalNames[0] ?? 'arguments'}`];
  return [`command is ${actual}, expected ${expected}`];
}

// The command run in the container is the note's own, word for word: only placeholders vary, and
// the shell when the prompt names none.
function restWordMatches(expected: string, actual: string, facts: PromptFacts | undefined): boolean {
  if (SHELLS.has(expected) && facts && !facts.states(expected)) return SHELLS.has(actual);
  return valueMatcher(expected, undefined).matches(actual);
}

// Whether every given value is matched by its own expected value (a perfect matching: the lists
// are a few values long, so trying each assignment is cheap).
function matchesAll(matchers: ValueMatcher[], actual: string[]): boolean {
  if (matchers.length !== actual.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  const assign = (index: number): boolean => {
    const matcher = matchers[index];
    if (!matcher) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used[j] || !matcher.matches(actual[j] ?? '')) continue;
      used[j] = true;
      if (assign(index + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  return assign(0);
}

function withValues(flagName: string, values: string[]): string {
  const shown = values.filter((v) => v !== 'true');
  return shown.length > 0 ? `${flagName} ${shown.join(', ')}` : flagName;
}
