import { readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { followLink, readTextFile } from '../compiler/read-dir.js';
import { ChallengeSchema, type Challenge } from './schema.js';

/** One or more challenge files are wrong; `problems` are `file:line: message`, one per line. */
export class ChallengeFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ChallengeFormatError';
  }
}

type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

const EXPECT_KINDS = 'container, image, volume, network, exec or http';

/**
 * How many times aliases (`*name`) may be expanded in one file: yaml's own default, written here
 * because it is what stops an alias bomb (nine nested lists of nine aliases expand to 387 million
 * values) from taking the server's memory. A real challenge uses a handful, if any.
 */
const MAX_ALIAS_EXPANSIONS = 100;

/**
 * A union's branches each fail in their own way; the branch that got furthest into the value
 * (the longest path) is the one the author meant, so its first issue is the useful message.
 */
function deepestIssue(issue: Issue, base: Path): { path: Path; message: string } {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return { path: [...path, key], message: `unknown key "${key}"` };
    }
    return { path, message: issue.message };
  }
  let best: { path: Path; message: string } | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (!first) continue;
    const candidate = deepestIssue(first, path);
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  if (!best || best.path.length <= path.length + 1) {
    const last = path[path.length - 1];
    if (last === 'expect') return { path, message: `must have exactly one of ${EXPECT_KINDS}` };
    if (last === 'port') return { path, message: 'must be a port number or { container, port }' };
    return { path, message: issue.message };
  }
  return best;
}

/**
 * The line of the key (or list item) at `path`, or of its nearest existing ancestor: a missing
 * key is reported where its parent object starts, an unknown one where it is written.
 */
function lineOf(doc: Document, lines: LineCounter, path: Path): number {
  for (let depth = path.length; depth >= 1; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1) as unknown[], true);
    const key = path[depth - 1];
    let range: [number, number, number] | null | undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    } else if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key];
      range = isNode(item) ? item.range : undefined;
    }
    if (range) return lines.linePos(range[0]).line;
  }
  return 1;
}

function formatPath(path: Path): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/**
 * Parses and validates one challenge file's text. Returns the challenge, or the problems as
 * `file:line: message` so that an author can jump straight to the offending key.
 */
export function parseChallenge(
  text: string,
  file: string,
): { challenge: Challenge } | { problems: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const line = error.linePos?.[0].line ?? 1;
        return `${file}:${line}: ${error.message.split('\n')[0] ?? error.code}`;
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    // yaml throws (a ReferenceError) when aliases expand past the limit; anything it throws is
    // this file's problem, never the server's.
    const tooMany = error instanceof ReferenceError && /alias/i.test(error.message);
    const message = tooMany
      ? `its aliases (*name) expand to too much data (more than ${MAX_ALIAS_EXPANSIONS} expansions); write the values out`
      : `could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { problems: [`${file}:${tooMany ? firstAliasLine(doc, lines) : 1}: ${message}`] };
  }
  const parsed = ChallengeSchema.safeParse(value);
  if (parsed.success) return { challenge: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const { path, message } = deepestIssue(issue, []);
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    return `${file}:${lineOf(doc, lines, path)}: ${where}${message}`;
  });
  return { problems };
}

function firstAliasLine(doc: Document, lines: LineCounter): number {
  let line = 1;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) line = lines.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** Rules no single field can state: unique check ids, setup tags drawn from declared images. */
function crossCheck(challenge: Challenge, file: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const check of challenge.checks) {
    if (seen.has(check.id)) problems.push(`${file}:1: checks: id "${check.id}" is used twice`);
    seen.add(check.id);
  }
  for (const image of challenge.setup?.images ?? []) {
    if (!challenge.images.includes(image.source)) {
      problems.push(`${file}:1: setup.images: source "${image.source}" is not listed in images`);
    }
  }
  return problems;
}

/**
 * Loads every `*.yaml` challenge in `dir`, sorted by file name. All problems of all files are
 * collected before throwing, so that one run shows an author everything to fix. Files are read as
 * notes are (`readTextFile`: size, binary, UTF-8), and a symbolic link is followed only when it
 * stays inside `contentDir` (by default the folder that holds `dir`), the rule the notes follow.
 */
export function loadChallenges(dir: string, contentDir = dirname(dir)): Challenge[] {
  const root = realpathSync(contentDir);
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name.endsWith('.yaml') || entry.name.endsWith('.yml'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const problems: string[] = [];
  const challenges: Challenge[] = [];
  const ids = new Map<string, string>();
  for (const entry of entries) {
    const file = join(dir, entry.name);
    const shown = join(basename(dir), entry.name);
    const target = entry.isSymbolicLink() ? followLink(root, file, shown) : { real: file, isDirectory: entry.isDirectory(), isFile: entry.isFile() };
    if ('refused' in target) {
      problems.push(`${shown}:${target.refused.line}: ${target.refused.message}`);
      continue;
    }
    if (!target.isFile) continue;
    const read = readTextFile(target.real, shown);
    if ('refused' in read) {
      problems.push(`${shown}:${read.refused.line}: ${read.refused.message}`);
      continue;
    }
    const result = parseChallenge(read.text, shown);
    if ('problems' in result) {
      problems.push(...result.problems);
      continue;
    }
    problems.push(...crossCheck(result.challenge, shown));
    const other = ids.get(result.challenge.id);
    if (other) problems.push(`${shown}:1: id "${result.challenge.id}" is also used by ${other}`);
    ids.set(result.challenge.id, shown);
    challenges.push(result.challenge);
  }
  if (problems.length > 0) throw new ChallengeFormatError(problems);
  return challenges;
}
