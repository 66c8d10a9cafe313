/**
 * Small English helpers that turn note fragments into questions. They work on one line's plain
 * text, never on the Markdown source, and they err towards leaving words alone.
 */

// Words that end in "s" but are singular, so "What is Kubernetes?" and not "What are …".
const SINGULAR_S = new Set([
  'kubernetes', 'dns', 'status', 'process', 'access', 'alias', 'class', 'address', 'ingress',
  'this', 'is', 'bus', 'os', 'gas', 'ps', 'https', 'tls', 'vs', 'chaos', 'series', 'ls', 'redis',
  'nodeport', 'headless', 'always', 'unless', 'kubectl apply', 'kubectl create', 'bss', 'cgroups v2', 'aws', 'gcs', 'nfs', 'ipvs',
]);

/** Words that start a description but say nothing ("This", "It simply"). */
const FILLER_START = /^(?:this|it|which|that)\s+(?:(?:command|one|line|will|simply|just)\s+)*/i;

/** "What is etcd?" / "What are cgroups?" — agrees the verb with a plural-looking term. */
export function whatIs(term: string): string {
  return `${isPlural(term) ? 'What are' : 'What is'} ${term}?`;
}

/** Whether a short term reads as a plural noun phrase. */
export function isPlural(term: string): boolean {
  const lower = term.toLowerCase().trim();
  if (SINGULAR_S.has(lower)) return false;
  const last = lower.split(/\s+/).pop() ?? '';
  if (SINGULAR_S.has(last) || /^[A-Z0-9]+S?$/.test(term.split(/\s+/).pop() ?? '')) return false;
  return /[^su']s$/.test(last) && last.length > 3;
}

/**
 * Turns a description of what something does into a third-person predicate:
 * "Run nginx in the background" → "runs nginx in the background".
 * Already conjugated text ("Inspects the image") only loses its capital letter.
 */
export function asPredicate(description: string): string {
  const text = description.replace(FILLER_START, '').replace(/[\s:.\-–—>]+$/, '').trim();
  if (/^(?:a|an|the)\s/i.test(text)) return text; // a noun phrase, nothing to conjugate
  // "Also remove …" → "also removes …": conjugate the verb after a leading adverb.
  const adverb = /^(also|only|just|then|first|quickly)\s+(.*)$/is.exec(text);
  if (adverb?.[1] && adverb[2]) return `${adverb[1].toLowerCase()} ${asPredicate(adverb[2])}`;
  const match = /^(\S+)(.*)$/s.exec(text);
  if (!match?.[1]) return text;
  const verb = match[1];
  const rest = match[2] ?? '';
  const lower = verb.toLowerCase();
  const keepCase = /[A-Z].*[A-Z]/.test(verb) || /[^a-zA-Z'-]/.test(verb);
  const word = keepCase ? verb : lower;
  const conjugated = /s$/.test(lower) && !/(?:ss|us)$/.test(lower);
  if (keepCase || conjugated) return word + rest;
  // "Build an image … and tag it" → "builds an image … and tags it".
  const joined = rest.replace(/\b(and|or) (\w+)\b/g, (whole, joiner: string, next: string) =>
    IMPERATIVES.has(next) ? `${joiner} ${thirdPerson(next)}` : whole,
  );
  return thirdPerson(word) + joined;
}

const IMPERATIVES = new Set([
  'run', 'drop', 'tag', 'print', 'push', 'start', 'stop', 'remove', 'keep', 'show', 'open', 'attach',
  'publish', 'wait', 'follow', 'delete', 'list', 'create', 'build', 'save', 'load', 'pull', 'give', 'use',
  'return', 'mount', 'expose', 'watch', 'switch', 'send', 'read', 'write', 'restart', 'exit', 'serve', 'update',
]);

function thirdPerson(verb: string): string {
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** Lower-cases the first letter unless the first word is an acronym or a proper name in caps. */
export function lowerFirst(text: string): string {
  const first = text.split(/\s+/)[0] ?? '';
  if (/[A-Z].*[A-Z]/.test(first)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}


/** Splits a line into sentences; abbreviations like "e.g." are not sentence ends. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?]+\s+(?=[A-Z`"'])/g)) {
    const end = (match.index ?? 0) + 1;
    if (ABBREVIATION.test(text.slice(start, end))) continue;
    sentences.push(text.slice(start, end).trim());
    start = (match.index ?? 0) + match[0].length;
  }
  sentences.push(text.slice(start).trim());
  return sentences.filter((sentence) => sentence.length > 0);
}

const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|incl|no)\.$/i;

/** Number of whitespace-separated words. */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/).length : 0;
}

/**
 * Whether `expansion` spells out `term`, like "pid" → "process id" or "chroot" → "change root":
 * the term splits into pieces that each begin the next word of the expansion.
 */
export function isExpansionOf(term: string, expansion: string): boolean {
  const letters = term.toLowerCase().replace(/[^a-z0-9]/g, '');
  const words = expansion.toLowerCase().split(/[\s-]+/).filter((w) => /^[a-z0-9]/.test(w));
  if (letters.length < 2 || words.length < 2 || words.length > 6) return false;
  const memo = new Map<string, boolean>();
  const fits = (pos: number, word: number): boolean => {
    if (pos === letters.length) return word === words.length;
    if (word === words.length) return false;
    const key = `${pos}:${word}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const candidate = words[word] ?? '';
    let ok = false;
    for (let len = 1; len <= candidate.length && pos + len <= letters.length && !ok; len++) {
      if (letters.slice(pos, pos + len) !== candidate.slice(0, len)) break;
      ok = fits(pos + len, word + 1);
    }
    memo.set(key, ok);
    return ok;
  };
  return fits(0, 0);
}

/** Trims trailing separators and a final period so an answer reads as a clean phrase. */
export function cleanAnswer(text: string): string {
  return text.replace(/^(?:[\s:–—>]|-(?![\w-]))+/, '').replace(/[\s;,]+$/, '').replace(/(?<!\.\.)\.$/, '').trim();
}
