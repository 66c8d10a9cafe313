import type { NoteLine } from '../outline.js';
import { plainText } from '../markdown.js';
import { cleanAnswer, isExpansionOf, whatIs, wordCount } from '../phrasing.js';
import { looksLikeCommand } from './command-text.js';
import { isNounPhrase, isPluralPhrase, readDescription, sentencesOf, singularOf } from '../language.js';
import { type RuleContext, wordsOrReveal } from './rule-context.js';

/**
 * Basic question → answer cards from the shapes learners use for definitions:
 * `term - definition`, `term: definition`, `**Term**: definition`, a bold label with a single
 * child bullet that defines it, and a question with its answer in the bullets below it.
 */

/** A term and what the note says about it. */
export interface Definition {
  term: string;
  definition: string;
}

const MAX_TERM_WORDS = 5;
const MAX_TERM_CHARS = 50;
// Lead words that introduce an aside rather than name a term.
const NOT_TERMS = new Set(['note', 'notes', 'e.g', 'eg', 'tip', 'example', 'warning', 'important', 'todo', 'see', 'also']);

/** Reads `term - definition` shapes from a line, or undefined when the line is not one. */
export function splitDefinition(line: NoteLine): Definition | undefined {
  const first = line.nodes[0];
  if (first?.type === 'strong') {
    const boldText = plainText(first.children);
    const rest = plainText(line.nodes.slice(1));
    const inside = /^(.+?)\s*[:\-–—]$/.exec(boldText);
    if (inside?.[1] && rest) return checked(inside[1], rest, line);
    const after = /^(?::|-|–|—|->|=>)\s*(.+)$/.exec(rest);
    if (after?.[1]) return checked(boldText, after[1], line);
    return undefined;
  }
  const match = /^(.+?)(?:\s+(?:-|–|—|->|=>)\s+|:\s+)(.+)$/.exec(line.text);
  if (!match?.[1] || !match[2]) return undefined;
  return checked(match[1], match[2], line);
}

function checked(rawTerm: string, rawDefinition: string, line: NoteLine): Definition | undefined {
  const term = rawTerm.replace(/[:\s]+$/, '').trim();
  const definition = cleanAnswer(rawDefinition);
  if (!term || !definition || /[.,;?!]$/.test(term) || /[.?!]\s/.test(term)) return undefined;
  if (wordCount(term) > MAX_TERM_WORDS || term.length > MAX_TERM_CHARS) return undefined;
  if (NOT_TERMS.has(term.toLowerCase().replace(/\.$/, ''))) return undefined;
  if (/^(?:it|this|they|you|we|there)\b/i.test(term)) return undefined; // a clause, not a term
  if (looksLikeCommand(definition) || looksLikeCommand(term)) return undefined;
  // A term is a name: a noun phrase, a flag or a word in code; never "For example" or "learn more at".
  // In a list under a label ("Restart policies": no, always, on-failure) any short word names an option.
  const option = wordCount(term) <= 2 && line.siblings.length >= 2 && contextOf(line) !== undefined;
  if (/[[\]=]/.test(term) || !(option || isNounPhrase(term))) return undefined;
  // "Original src: https://…" points somewhere; "key: value: effect: …" is pasted YAML.
  if (/^\S*https?:\/\/\S+$/.test(definition) || (definition.match(/\b[\w.-]+:\s/g) ?? []).length >= 2) return undefined;
  return { term, definition };
}

/**
 * "`FROM` defines the parent image": an inline code name followed by what it does. The name
 * must not be a whole command, which is the command rules' business.
 */
export function codeLead(line: NoteLine): Definition | undefined {
  const [first, ...rest] = line.nodes;
  if (first?.type !== 'inlineCode' || wordCount(first.value) > 3 || looksLikeCommand(first.value)) return undefined;
  const definition = plainText(rest);
  if (!/^[a-z]/.test(definition) || wordCount(definition) < 3) return undefined;
  return { term: first.value.trim(), definition: cleanAnswer(definition) };
}

/** Emits a basic card when the line defines a term; returns whether it did. */
export function definitionCard(line: NoteLine, ctx: RuleContext): boolean {
  const found = splitDefinition(line);
  if (!found) return false;
  // "net - network", "mnt - mount": a one-word spelling-out is an expansion too.
  const single = !/\s/.test(found.definition.trim()) && found.term.length >= 2 && found.definition.toLowerCase().startsWith(found.term.toLowerCase()) && found.definition.length > found.term.length;
  const expansion = single || isExpansionOf(found.term, found.definition);
  ctx.emit({
    kind: 'basic',
    prompt: expansion ? `What does ${found.term} stand for?` : whatIsIn(found.term, found.definition, line),
    answer: found.definition,
    answerMode: expansion ? 'words' : wordsOrReveal(found.definition),
    line: line.line,
    topic: line.topic,
    confidence: definitionConfidence(found, line),
  });
  ctx.consume(line);
  return true;
}

// A short definition of a named term is the surest card there is; a paragraph is not one fact,
// and a lone word in a list without a heading to say what it is cannot be asked unambiguously.
function definitionConfidence(found: Definition, line: NoteLine): number {
  const words = wordCount(found.definition);
  let confidence = words > 40 ? 0.55 : words > 25 ? 0.7 : 0.85;
  if (/^[a-z-]+$/.test(found.term) && line.siblings.length >= 3 && !contextOf(line)) confidence -= 0.3;
  return confidence;
}

// A list item's term is asked within its list's label or heading: under "Restart policies", "What
// is the always restart policy?"; under "apiVersion", "What is the apiVersion of Pod?"; a lone
// lowercase word keeps its context in brackets. Without it "What is no?" could mean anything.
function whatIsIn(term: string, definition: string, line: NoteLine): string {
  const section = contextOf(line) ?? line.topic[line.topic.length - 1];
  // "-it : run interactively": a flag is asked as a flag, with the section it belongs to.
  if (/^--?[A-Za-z]/.test(term)) return section && wordCount(section) <= 4 ? `What does the ${term} flag do (${section})?` : `What does the ${term} flag do?`;
  // "spec.replicas: …" is a field of the object the section is about.
  if (/^\.?[a-z]+[A-Za-z]*(?:\.[A-Za-z]+)+$/.test(term)) return section && wordCount(section) <= 4 ? `In ${section}, what is ${term}?` : `What is ${term}?`;
  const label = contextOf(line);
  if (!label || wordCount(label) > 3 || label.toLowerCase().includes(term.toLowerCase())) return whatIs(term);
  // "4 types: ClusterIP, NodePort, …" under "Service": a count names nothing without its label.
  if (/^\d+\s+\w+s$/.test(term)) return `What are the ${term} of ${label}?`;
  const noun = lowerCommon(singularOf(label));
  // "Persistent Volume" under "Volumes" already says which volume it is.
  const sameHead = (term.split(/\s+/).pop() ?? '').toLowerCase() === (noun.split(/\s+/).pop() ?? '').toLowerCase();
  if (isPluralPhrase(label) && wordCount(term) <= 2) return sameHead ? whatIs(term) : `What is the ${term} ${noun}?`;
  if (wordCount(definition) <= 3 && wordCount(term) <= 2 && wordCount(label) <= 2 && !isPluralPhrase(label)) return `What is the ${label} of ${term}?`;
  if (/^[a-z-]+$/.test(term) && wordCount(term) === 1) return `What is ${term} (${label})?`;
  return whatIs(term);
}

function contextOf(line: NoteLine): string | undefined {
  if (line.parent?.leadIn) return line.parent.text.replace(/[:\s*]+$/, '').trim();
  if (!line.parent && line.siblings.length >= 3) return line.topic[line.topic.length - 1];
  return undefined;
}

function lowerCommon(noun: string): string {
  return /^[A-Z][a-z]/.test(noun) && !/^[A-Z][a-z]+[A-Z]/.test(noun) ? noun.charAt(0).toLowerCase() + noun.slice(1) : noun;
}

/** "**ReplicaSet**" with one child bullet that says what it is → "What is ReplicaSet?". */
export function labelCard(line: NoteLine, ctx: RuleContext): boolean {
  const child = line.children[0];
  if (!line.leadIn || !child || child.children.length > 0) return false;
  if (ctx.isConsumed(child) || wordCount(child.text) < 3 || splitDefinition(child)) return false;
  // With several children, only a first one that names what the label is ("A grouping of
  // containers …") defines it; the others say more about it.
  const several = line.children.length > 1;
  if (several && readDescription(sentencesOf(child.text)[0] ?? child.text).form !== 'noun-phrase') return false;
  if (looksLikeCommand(child.text)) return false;
  // "etcd" › "etcd is a … store": the child defines its own subject, which a cloze asks better.
  const label = line.text.replace(/[:\s*]+$/, '').toLowerCase();
  if (child.text.toLowerCase().replace(/^(?:a|an|the)\s+/, '').startsWith(label)) return false;
  const answer = cleanAnswer(several ? (sentencesOf(child.text)[0] ?? child.text) : child.text);
  ctx.emit({
    kind: 'basic',
    prompt: whatIs(line.text.replace(/[:\s]+$/, '')),
    answer,
    answerMode: wordsOrReveal(answer),
    line: line.line,
    topic: line.topic,
    confidence: several ? 0.75 : 0.8,
  });
  ctx.consume(line, child);
  return true;
}

/** A question bullet answered by the bullets nested under it. */
export function questionCard(line: NoteLine, ctx: RuleContext): boolean {
  if (!/\?$/.test(line.text) || line.children.length === 0) return false;
  const answer = line.children.map((child) => cleanAnswer(child.text)).join('; ');
  if (!answer) return false;
  ctx.emit({
    kind: 'basic',
    prompt: line.text,
    answer,
    answerMode: wordsOrReveal(answer),
    line: line.line,
    topic: line.topic,
  });
  ctx.consume(line, ...line.children);
  return true;
}
