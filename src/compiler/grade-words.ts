import { damerauLevenshtein, normalizeText } from './text-distance.js';

/**
 * Grades a typed answer against a card's answer. Case, spacing and punctuation never matter
 * ("Kube-Proxy" = "kube proxy"); one typo (one edit or swap) is forgiven in a word of six or more
 * letters, because a learner who types "kubelte" knows the word. Shorter words must be exact:
 * "pid" vs "pod" is a different answer, not a typo.
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

const MIN_TYPO_WORD = 6;

/** Grades `given` against `expected` and returns a word diff for display. */
export function gradeWords(expected: string, given: string): WordGrade {
  const want = normalizeText(expected);
  const got = normalizeText(given);
  const diff = wordDiff(expected, given);
  if (want === got || want.replace(/ /g, '') === got.replace(/ /g, '')) return { correct: true, typo: false, diff };
  const typo = want.length > 0 && isOneTypo(want.split(' '), got.split(' '));
  return { correct: typo, typo, diff };
}

function isOneTypo(want: string[], got: string[]): boolean {
  if (want.length !== got.length) return false;
  const differing = want.flatMap((word, i) => (word === got[i] ? [] : [i]));
  if (differing.length !== 1) return false;
  const index = differing[0] ?? 0;
  const expectedWord = want[index] ?? '';
  return expectedWord.length >= MIN_TYPO_WORD && damerauLevenshtein(expectedWord, got[index] ?? '') <= 1;
}

/** Word-level diff (longest common subsequence on normalised words, original words shown). */
export function wordDiff(expected: string, given: string): DiffPart[] {
  const a = expected.split(/\s+/).filter(Boolean);
  const b = given.split(/\s+/).filter(Boolean);
  const na = a.map(normalizeText);
  const nb = b.map(normalizeText);
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
