import { type ParsedCommand, parseCommand } from './parse-command.js';

/**
 * Grading a typed command by meaning. Two docker or kubectl command lines are equal when they
 * parse to the same subcommand, the same positionals, the same words after the image, and the
 * same flags as multisets — so order, short vs long spelling, `--flag=value` vs `--flag value`,
 * bundled `-it` and `docker container run` vs `docker run` do not matter. Anything else (pipes,
 * other programs) is compared as whitespace-normalised text.
 */

/** Whether `given` means the same as `expected`, with the differences in plain words. */
export interface CommandComparison {
  equal: boolean;
  differences: string[];
}

/** Compares a learner's command with the expected one. */
export function commandsEquivalent(expected: string, given: string): CommandComparison {
  const want = parseCommand(expected);
  const got = parseCommand(given);
  if (!want || !got) return compareText(expected, given);
  const differences = [
    ...comparePrograms(want, got),
    ...comparePositionals(want, got),
    ...compareFlags(want, got),
    ...compareRest(want, got),
  ];
  return { equal: differences.length === 0, differences };
}

function compareText(expected: string, given: string): CommandComparison {
  const normalize = (text: string): string => text.trim().replace(/\s+/g, ' ');
  const equal = normalize(expected) === normalize(given);
  return { equal, differences: equal ? [] : [`expected ${normalize(expected)}`] };
}

function comparePrograms(want: ParsedCommand, got: ParsedCommand): string[] {
  if (want.program !== got.program) return [`program is ${got.program}, expected ${want.program}`];
  const wantPath = want.path.join(' ');
  const gotPath = got.path.join(' ');
  return wantPath === gotPath ? [] : [`subcommand is ${gotPath || 'missing'}, expected ${wantPath}`];
}

function comparePositionals(want: ParsedCommand, got: ParsedCommand): string[] {
  if (want.path.join(' ') !== got.path.join(' ')) return [];
  const differences: string[] = [];
  const count = Math.max(want.positionals.length, got.positionals.length);
  for (let i = 0; i < count; i++) {
    const expected = want.positionals[i];
    const actual = got.positionals[i];
    if (expected === actual) continue;
    const name = want.positionalNames[i] ?? `argument ${i + 1}`;
    if (expected === undefined) differences.push(`unexpected ${name} ${actual ?? ''}`.trim());
    else if (actual === undefined) differences.push(`missing ${name} ${expected}`);
    else differences.push(`${name} is ${actual}, expected ${expected}`);
  }
  return differences;
}

function compareFlags(want: ParsedCommand, got: ParsedCommand): string[] {
  const differences: string[] = [];
  const keys = [...new Set([...want.flags.keys(), ...got.flags.keys()])].sort();
  for (const key of keys) {
    const expected = [...(want.flags.get(key) ?? [])].sort();
    const actual = [...(got.flags.get(key) ?? [])].sort();
    if (sameList(expected, actual)) continue;
    const flagName = key.length === 1 ? `-${key}` : `--${key}`;
    if (actual.length === 0) differences.push(`missing flag ${withValues(flagName, expected)}`);
    else if (expected.length === 0) differences.push(`unexpected flag ${withValues(flagName, actual)}`);
    else differences.push(`flag ${flagName} is ${actual.join(', ')}, expected ${expected.join(', ')}`);
  }
  return differences;
}

function compareRest(want: ParsedCommand, got: ParsedCommand): string[] {
  const expected = want.rest.join(' ');
  const actual = got.rest.join(' ');
  if (expected === actual) return [];
  if (!actual) return [`missing command ${expected} after the ${want.positionalNames[0] ?? 'arguments'}`];
  if (!expected) return [`unexpected command ${actual} after the ${want.positionalNames[0] ?? 'arguments'}`];
  return [`command is ${actual}, expected ${expected}`];
}

function withValues(flagName: string, values: string[]): string {
  const shown = values.filter((v) => v !== 'true');
  return shown.length > 0 ? `${flagName} ${shown.join(', ')}` : flagName;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
