import type { NoteLine } from '../outline.js';
import { cleanAnswer, splitSentences, wordCount } from '../phrasing.js';
import { codeLead } from './basic-cards.js';
import { type RuleContext, wordsOrReveal } from './rule-context.js';

/**
 * Cloze cards from definitional sentences: "etcd is a consistent … store" becomes
 * "___ is a consistent … store" with the answer "etcd". A sentence that starts with "It" borrows
 * the subject of the sentence before it or of its parent bullet, as a reader would.
 */

// A copula ("is", "means") or a present-tense verb in the third person ("runs", "keeps").
const DEFINING = /^(?:(?:[Aa]n?|[Tt]he)\s+)?(.+?)\s+(is|are|was|were|means|refers to|stands for|[a-z]{2,}[^s\W]s)\s+(.+)$/;
// "It validates …", "This is …": a pronoun sentence about the subject the reader already has.
const PRONOUN_CLAUSE = /^(?:it|this|they)\s+((?:is|are|can|will|also|does|has|never|only|[a-z]+[^s\W]s)\b.*)$/i;
const MAX_SUBJECT_WORDS = 4;
const MAX_VERB_SUBJECT_WORDS = 3;
const COPULAS = new Set(['is', 'are', 'was', 'were', 'means', 'refers to', 'stands for']);
const PREPOSITIONS = new Set(['by', 'in', 'on', 'at', 'for', 'with', 'from', 'inside', 'after', 'before', 'when', 'if', 'once', 'to', 'as']);
const MIN_PREDICATE_WORDS = 2;
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
  const lead = codeLead(line);
  if (lead && !isPlainWord(lead.term)) {
    emitCloze(line, ctx, `___ ${lead.definition}`, lead.term);
    ctx.consume(line);
    return true;
  }
  let previousSubject = inheritedSubject(line, memory);
  let emitted = false;
  for (const sentence of splitSentences(line.text)) {
    const text = sentence.replace(/[.;]$/, '');
    const clause = PRONOUN_CLAUSE.exec(text);
    if (clause?.[1] && previousSubject) {
      emitCloze(line, ctx, `___ ${blank(clause[1], previousSubject)}`, previousSubject);
      emitted = true;
      continue;
    }
    const match = DEFINING.exec(text);
    if (!match?.[1] || !match[2] || !match[3]) continue;
    const [, rawSubject, verb, predicate] = match;
    const subject = trimSubject(rawSubject);
    if (wordCount(predicate) < MIN_PREDICATE_WORDS || !isTerm(subject)) continue;
    // With an ordinary verb a plural noun can pass for the verb ("Extensions add tools"), so
    // only short subjects are trusted there.
    if (!COPULAS.has(verb) && wordCount(subject) > MAX_VERB_SUBJECT_WORDS) continue;
    emitCloze(line, ctx, `${articleOf(sentence)}___ ${verb} ${blank(predicate, subject)}`, subject);
    if (!memory.has(line)) memory.set(line, subject);
    previousSubject = subject;
    emitted = true;
  }
  if (emitted) ctx.consume(line);
  return emitted;
}

function emitCloze(line: NoteLine, ctx: RuleContext, prompt: string, subject: string): void {
  const answer = cleanAnswer(subject);
  ctx.emit({ kind: 'cloze', prompt, answer, answerMode: wordsOrReveal(answer), line: line.line, topic: line.topic });
}

// "ReplicaSet in Kubernetes is …": the place is context, not part of the term to recall.
function trimSubject(subject: string): string {
  return subject.replace(/\s+(?:in|within|inside)\s+(?:kubernetes|k8s|docker)$/i, '');
}

// A code lead like `latest` or `FROM` is worth a cloze; a bare English word in backticks is not.
function isPlainWord(term: string): boolean {
  return /^[a-z]+$/.test(term) && term.length < 3;
}

function inheritedSubject(line: NoteLine, memory: SubjectMemory): string | undefined {
  const parent = line.parent;
  // Without a parent, "It …" refers to what the previous bullet of the same list defined.
  const previous = line.siblings[line.siblings.indexOf(line) - 1];
  if (!parent) return previous ? memory.get(previous) : undefined;
  const label = parent?.leadIn ? parent.text.replace(/[:\s]+$/, '').replace(/^(?:the|a|an)\s+/i, '') : undefined;
  return memory.get(parent) ?? label ?? (previous ? memory.get(previous) : undefined);
}

function isTerm(subject: string): boolean {
  const words = subject.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase();
  if (words.length > MAX_SUBJECT_WORDS || NOT_SUBJECTS.has(first) || PREPOSITIONS.has(first)) return false;
  if (words.some((word) => /^(?:it|they|them|this|that|you)$/i.test(word))) return false;
  // A gerund subject ("Publishing a port maps …") is an action, not a term to recall.
  return !/ing$/.test(first) && !/[,;:()?!]/.test(subject) && /[a-z]/i.test(subject);
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
