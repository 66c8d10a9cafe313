import type { NoteLine } from '../outline.js';
import { cleanAnswer, splitSentences, wordCount } from '../phrasing.js';
import { type RuleContext, wordsOrReveal } from './rule-context.js';

/**
 * Cloze cards from definitional sentences: "etcd is a consistent … store" becomes
 * "___ is a consistent … store" with the answer "etcd". A sentence that starts with "It" borrows
 * the subject of the sentence before it or of its parent bullet, as a reader would.
 */

const DEFINING = /^(?:(?:a|an|the)\s+)?(.+?)\s+(is|are|means|refers to|stands for)\s+(.+)$/i;
const MAX_SUBJECT_WORDS = 4;
const MIN_PREDICATE_WORDS = 2;
const PRONOUNS = new Set(['it', 'they']);
// Subjects that are not terms a learner would want to recall.
const NOT_SUBJECTS = new Set([
  'this', 'that', 'these', 'those', 'there', 'here', 'what', 'which', 'who', 'how', 'why', 'when',
  'where', 'you', 'we', 'i', 'he', 'she', 'one', 'each', 'every', 'all', 'some', 'most', 'its',
  'their', 'our', 'your', 'my', 'so', 'but', 'and', 'if', 'also', 'then', 'default',
]);

/** Remembers the subject each line defined, so children can resolve "It". */
export type SubjectMemory = Map<NoteLine, string>;

/** Emits cloze cards for the definitional sentences of a line; returns whether it emitted any. */
export function clozeCards(line: NoteLine, ctx: RuleContext, memory: SubjectMemory): boolean {
  let previousSubject = inheritedSubject(line, memory);
  let emitted = false;
  for (const sentence of splitSentences(line.text)) {
    const match = DEFINING.exec(sentence.replace(/[.;]$/, ''));
    if (!match?.[1] || !match[2] || !match[3]) continue;
    const [, rawSubject, verb, predicate] = match;
    if (wordCount(predicate) < MIN_PREDICATE_WORDS) continue;
    const pronoun = PRONOUNS.has(rawSubject.toLowerCase());
    const subject = pronoun ? previousSubject : rawSubject;
    if (!subject || !isTerm(subject)) continue;
    const article = pronoun ? '' : articleOf(sentence);
    const prompt = `${article}___ ${verb} ${blank(predicate, subject)}`;
    const answer = cleanAnswer(subject);
    ctx.emit({ kind: 'cloze', prompt, answer, answerMode: wordsOrReveal(answer), line: line.line, topic: line.topic });
    if (!memory.has(line)) memory.set(line, subject);
    previousSubject = subject;
    emitted = true;
  }
  if (emitted) ctx.consume(line);
  return emitted;
}

function inheritedSubject(line: NoteLine, memory: SubjectMemory): string | undefined {
  const parent = line.parent;
  if (!parent) return undefined;
  return memory.get(parent) ?? (parent.leadIn ? parent.text.replace(/[:\s]+$/, '') : undefined);
}

function isTerm(subject: string): boolean {
  const words = subject.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase();
  if (words.length > MAX_SUBJECT_WORDS || NOT_SUBJECTS.has(first) || PRONOUNS.has(first)) return false;
  return !/[,;:()?!]/.test(subject) && /[a-z]/i.test(subject);
}

// Keep the sentence's own article ("A ___ is …") so the blank reads naturally.
function articleOf(sentence: string): string {
  const match = /^(a|an|the)\s+/i.exec(sentence);
  return match?.[1] ? `${match[1]} ` : '';
}

// The subject repeated later in the sentence would give the answer away.
function blank(text: string, subject: string): string {
  const escaped = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'gi'), '___');
}
