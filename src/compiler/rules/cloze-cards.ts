import type { NoteLine } from '../outline.js';
import { isNounPhrase, isPluralPhrase, readDescription, sentencesOf, splitClause } from '../language.js';
import { cleanAnswer, wordCount } from '../phrasing.js';
import { codeLead } from './basic-cards.js';
import { looksLikeCommand } from './command-text.js';
import { type RuleContext, wordsOrReveal } from './rule-context.js';

/**
 * Cloze cards from definitional sentences: "etcd is a consistent … store" becomes
 * "___ is a consistent … store" with the answer "etcd". A sentence that starts with "It" borrows
 * the subject of the sentence before it or of its parent bullet, as a reader would.
 */

// "It validates …", "This is …": a pronoun sentence about the subject the reader already has.
const PRONOUN_CLAUSE = /^(?:it|this|they)\s+((?:is|are|can|will|also|does|has|never|only|[a-z]+[^s\W]s)\b.*)$/i;
const MAX_SUBJECT_WORDS = 4;
const MAX_VERB_SUBJECT_WORDS = 3;
const PREPOSITIONS = new Set(['by', 'in', 'on', 'at', 'for', 'with', 'from', 'inside', 'after', 'before', 'when', 'if', 'once', 'to', 'as']);
const MIN_PREDICATE_WORDS = 2;
// Subjects that are not terms a learner would want to recall.
const NOT_SUBJECTS = new Set([
  'this', 'that', 'these', 'those', 'there', 'here', 'what', 'which', 'who', 'how', 'why', 'when',
  'where', 'you', 'we', 'i', 'he', 'she', 'one', 'each', 'every', 'all', 'some', 'most', 'its',
  'their', 'our', 'your', 'my', 'so', 'but', 'and', 'if', 'also', 'then', 'default',
]);

// Nouns that refer back to something rather than name a term.
const GENERIC_NOUNS = new Set([
  'format', 'file', 'yaml file', 'config file', 'command', 'above command', 'way', 'easiest way', 'best way', 'output',
  'result', 'example', 'following', 'rest', 'same', 'idea', 'problem', 'solution', 'reason', 'thing', 'things',
  'one', 'other', 'others', 'first', 'last', 'second', 'next step', 'step', 'answer', 'question', 'difference', 'trick',
]);

/** Remembers the subject each line defined, so children can resolve "It". */
export type SubjectMemory = Map<NoteLine, string>;

/** Emits cloze cards for the definitional sentences of a line; returns whether it emitted any. */
export function clozeCards(line: NoteLine, ctx: RuleContext, memory: SubjectMemory): boolean {
  const lead = codeLead(line);
  if (lead && !isPlainWord(lead.term)) {
    emitCloze(line, ctx, `___ ${lead.definition}`, lead.term, 0.8);
    ctx.consume(line);
    return true;
  }
  if (labelPredicateCloze(line, ctx)) return true;
  let previousSubject = inheritedSubject(line, memory);
  let emitted = false;
  for (const sentence of sentencesOf(line.text)) {
    const text = sentence.replace(/[.;]$/, '');
    const clause = PRONOUN_CLAUSE.exec(text);
    if (clause?.[1]) {
      // A pronoun is asked about only when the reader has its antecedent: this bullet's own term
      // or the label it sits under. "It" cannot stand for a plural.
      if (previousSubject && !(isPluralPhrase(previousSubject) && /^it\b/i.test(text))) {
        emitCloze(line, ctx, `___ ${blank(clause[1], previousSubject)}`, previousSubject, lengthPenalty(0.7, clause[1]));
        emitted = true;
      }
      continue;
    }
    const split = splitClause(text);
    if (!split) continue;
    // "docker build -t projectx" is a command written as prose, not a sentence about docker.
    if (looksLikeCommand(text) && !split.copula && !/s$/.test(split.verb)) continue;
    const subject = trimSubject(split.subject.replace(/^(?:an?|the)\s+/i, ''));
    const predicate = split.predicate;
    // "A .dockerignore file keeps files out …": a subject ending in a verb-like -s word before a
    // -s "verb" has swallowed its verb; the split is wrong.
    if (!split.copula && /s$/.test(split.verb) && /[^s]s$/.test(subject.split(/\s+/).pop() ?? '') && wordCount(subject) > 1) continue;
    if (wordCount(predicate) < MIN_PREDICATE_WORDS || !isTerm(subject) || !isNounPhrase(subject)) continue;
    // With an ordinary verb a plural noun can pass for the verb ("Extensions add tools"), so
    // only short subjects are trusted there.
    if (!split.copula && wordCount(subject) > MAX_VERB_SUBJECT_WORDS) continue;
    let confidence = split.copula ? 0.85 : 0.75;
    // "Google is blocked in China so that would fail if you …": a story about a setup, not a
    // definition; a reader can rarely tell what the blank is.
    if (/(?<![\w/])(?:I|we|my|our)(?![\w/])|\bif you\b|\b(?:would|could)\b/.test(predicate)) confidence -= 0.3;
    // "The format is similar to …": a generic noun stands for something said before it.
    if (GENERIC_NOUNS.has(subject.toLowerCase())) confidence -= 0.4;
    // "___ defines objects such as nodes and pods" → Kubernetes: in notes about Docker and
    // Kubernetes the product's name fits almost any blank, unless the sentence defines it.
    if (/^(?:docker|kubernetes|k8s)$/i.test(subject) && !(split.copula && /^(?:an?|the)\s/i.test(predicate))) confidence -= split.copula ? 0.3 : 0.15;
    emitCloze(line, ctx, `${articleOf(sentence)}___ ${split.verb} ${blank(predicate, subject)}`, subject, lengthPenalty(confidence, predicate));
    if (!memory.has(line)) memory.set(line, subject);
    previousSubject = subject;
    emitted = true;
  }
  if (emitted) ctx.consume(line);
  return emitted;
}

/**
 * "**Docker**" › "uses namespaces and cgroups": a bullet that starts with its verb says something
 * about the label it sits under, the explicit antecedent a reader has in mind.
 */
function labelPredicateCloze(line: NoteLine, ctx: RuleContext): boolean {
  const parent = line.parent;
  if (!parent?.leadIn) return false;
  const label = parent.text.replace(/[:\s*]+$/, '').replace(/^(?:the|a|an)\s+/i, '').trim();
  const sentence = (sentencesOf(line.text)[0] ?? '').replace(/[.;]$/, '');
  if (!label || wordCount(sentence) < 3 || !isNounPhrase(label)) return false;
  const read = readDescription(sentence);
  if (read.form !== 'third-person') return false;
  emitCloze(line, ctx, `___ ${blank(read.predicate, label)}`, label, lengthPenalty(0.75, sentence));
  ctx.consume(line);
  return true;
}

// A sentence of thirty words is a paragraph to recall, not a term.
function lengthPenalty(confidence: number, predicate: string): number {
  const words = wordCount(predicate);
  return words > 30 ? confidence - 0.2 : words > 20 ? confidence - 0.1 : confidence;
}

function emitCloze(line: NoteLine, ctx: RuleContext, prompt: string, subject: string, confidence: number): void {
  const answer = cleanAnswer(subject);
  ctx.emit({ kind: 'cloze', prompt, answer, answerMode: wordsOrReveal(answer), line: line.line, topic: line.topic, confidence });
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
  // The antecedent of "It …" is explicit only as the parent bullet's term or its label; the
  // previous bullet of the same list is a guess.
  const parent = line.parent;
  if (!parent) return undefined;
  const label = parent.leadIn ? parent.text.replace(/[:\s]+$/, '').replace(/^(?:the|a|an)\s+/i, '') : undefined;
  return memory.get(parent) ?? label;
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
