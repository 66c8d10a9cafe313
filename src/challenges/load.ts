import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
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
  const parsed = ChallengeSchema.safeParse(doc.toJS());
  if (parsed.success) return { challenge: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const { path, message } = deepestIssue(issue, []);
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    return `${file}:${lineOf(doc, lines, path)}: ${where}${message}`;
  });
  return { problems };
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
 * collected before throwing, so that one run shows an author everything to fix.
 */
export function loadChallenges(dir: string): Challenge[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  const problems: string[] = [];
  const challenges: Challenge[] = [];
  const ids = new Map<string, string>();
  for (const name of files) {
    const file = join(dir, name);
    const shown = join(basename(dir), name);
    const result = parseChallenge(readFileSync(file, 'utf8'), shown);
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
