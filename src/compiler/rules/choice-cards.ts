import type { NoteLine } from '../outline.js';
import { cleanAnswer, isExpansionOf, lowerFirst, splitSentences, wordCount } from '../phrasing.js';
import { isPluralPhrase, singularOf } from '../language.js';
import { seededRandom, seededShuffle } from '../seeded-random.js';
import { codeLead, splitDefinition } from './basic-cards.js';
import type { RuleContext } from './rule-context.js';

/**
 * Multiple choice from one list: every item that says what it is becomes a question whose
 * distractors are its siblings' names (the Service types, the namespaces, the control-plane
 * parts). Options are unique, never empty, 3–4 of them, in an order seeded by the card.
 */

interface Entry {
  line: NoteLine;
  name: string;
  /** Definitions and bare names are interchangeable options; group labels only with labels. */
  shape: 'term' | 'label';
  /** What the note says the item does or is, as a predicate ("exposes …", "is …"). */
  predicate?: string;
}

const MIN_OPTIONS = 3;
const MAX_OPTIONS = 4;
const MAX_OPTION_WORDS = 4;
const MAX_PROMPT = 200;
const MIN_SHARE = 0.6;

/** Emits choice cards for the list `siblings` belongs to. */
export function choiceCards(siblings: NoteLine[], ctx: RuleContext): void {
  const all = siblings.map(toEntry).filter((entry): entry is Entry => entry !== undefined);
  for (const shape of ['term', 'label'] as const) {
    const entries = all.filter((entry) => entry.shape === shape);
    // A list that mixes statements with a few names is not a set of alternatives.
    if (entries.length < MIN_OPTIONS || entries.length < siblings.length * MIN_SHARE) continue;
    choicesFor(entries, siblings, ctx);
  }
}

function choicesFor(entries: Entry[], siblings: NoteLine[], ctx: RuleContext): void {
  const names = uniqueNames(entries);
  if (names.length < MIN_OPTIONS) return;
  const group = groupNoun(entries, siblings[0]);
  // Two items described alike ("v1", "v1") would make two right options.
  const described = new Map<string, number>();
  for (const entry of entries) if (entry.predicate) described.set(entry.predicate.toLowerCase(), (described.get(entry.predicate.toLowerCase()) ?? 0) + 1);
  let emitted = false;
  for (const entry of entries) {
    if (!entry.predicate || (described.get(entry.predicate.toLowerCase()) ?? 0) > 1) continue;
    // A cloze of the same line already asks for this name from its description.
    const told = [entry.line, ...entry.line.children.slice(0, 1)];
    if (told.some((line) => ctx.hasCard(line.line, ['cloze', 'command']))) continue;
    const predicate = lowerFirst(blankName(entry.predicate, entry.name));
    if (wordCount(predicate.replace(/^is described as /, '')) < 2) continue;
    const prompt = group ? `Which ${group} ${predicate}?` : `Which of these ${predicate}?`;
    if (prompt.length > MAX_PROMPT) continue;
    const key = `${prompt}\u0000${entry.name}`;
    const distractors = pickDistractors(names, entry.name, key);
    const choices = seededShuffle([entry.name, ...distractors], `${key}\u0000order`);
    ctx.emit({
      kind: 'choice',
      prompt,
      answer: entry.name,
      answerMode: 'choice',
      choices,
      line: entry.line.line,
      topic: entry.line.topic,
    });
    ctx.touch(...entry.line.children.slice(0, 1));
    emitted = true;
  }
  // Once per list, not once per card: the siblings are the same for every card of the list.
  if (emitted) touchAll(siblings, ctx);
}

/** Lists up to this long shuffle every sibling per card (the options notes have always had). */
const FULL_SHUFFLE_UP_TO = 64;

/**
 * `MAX_OPTIONS - 1` other names, seeded by the card. A short list shuffles all the other names
 * and takes the first ones; doing that for every item of a long list is quadratic (10,000 items
 * took seconds), so a long one draws distinct positions from the same seeded generator instead:
 * the cost per card no longer depends on the length of the list.
 */
function pickDistractors(names: readonly string[], answer: string, key: string): string[] {
  const own = answer.toLowerCase();
  if (names.length <= FULL_SHUFFLE_UP_TO) {
    const others = names.filter((name) => name.toLowerCase() !== own);
    return seededShuffle(others, key).slice(0, MAX_OPTIONS - 1);
  }
  const random = seededRandom(key);
  const picked = new Set<number>();
  const distractors: string[] = [];
  // Names are unique ignoring case, so at most one position is the answer's: this ends quickly.
  while (distractors.length < MAX_OPTIONS - 1) {
    const at = Math.floor(random() * names.length);
    const name = names[at];
    if (name === undefined || picked.has(at) || name.toLowerCase() === own) continue;
    picked.add(at);
    distractors.push(name);
  }
  return distractors;
}

// `touch(...lines)` spreads its arguments onto the stack; a list of 100,000 items would not fit.
function touchAll(lines: readonly NoteLine[], ctx: RuleContext): void {
  const CHUNK = 10_000;
  for (let at = 0; at < lines.length; at += CHUNK) ctx.touch(...lines.slice(at, at + CHUNK));
}

function toEntry(line: NoteLine): Entry | undefined {
  const definition = splitDefinition(line) ?? codeLead(line);
  if (definition) {
    const first = splitSentences(definition.definition)[0] ?? definition.definition;
    const expansion = isExpansionOf(definition.term, definition.definition);
    const predicate = expansion ? `stands for "${first}"` : predicateOf(first);
    return { line, shape: 'term', name: definition.term, predicate };
  }
  const label = line.text.replace(/[:\s]+$/, '');
  if (wordCount(label) > MAX_OPTION_WORDS || /[.?!,]/.test(label)) return undefined;
  if (!line.leadIn) return line.children.length === 0 ? { line, shape: 'term', name: label } : undefined;
  const child = line.children[0];
  const sentence = child ? (splitSentences(child.text)[0] ?? child.text) : '';
  const predicate = child ? predicateAfterName(sentence, label) : undefined;
  return predicate ? { line, shape: 'label', name: label, predicate } : { line, shape: 'label', name: label };
}

// "This type of service exposes …" → "exposes …"; a noun phrase → `is described as "…"`.
function predicateOf(definition: string): string {
  const text = cleanAnswer(definition.replace(/^(?:this|it)(?:\s+type\s+of\s+\w+)?\s+/i, ''));
  const first = (text.split(/\s+/)[0] ?? '').toLowerCase();
  if (['is', 'are', 'has', 'does', 'can', 'will'].includes(first) || /^[a-z]+[^s]s$/.test(first)) return text;
  if (/^[a-z]+ed\s+(?:to|by|in|for|from|as|with)\b/.test(text)) return `is ${text}`;
  return `is described as "${text}"`;
}

// "The kube scheduler is a control plane process …" under the label "Kube scheduler" → "is a …".
function predicateAfterName(sentence: string, label: string): string | undefined {
  const words = sentence.split(/\s+/);
  // "CoreDNS/KubeDNS" names two things; the head noun of either may start the sentence.
  const heads = label.toLowerCase().split('/').map((alt) => alt.trim().split(/\s+/).pop() ?? '');
  const at = words.slice(0, 6).findIndex((w) => heads.includes(w.toLowerCase().replace(/[^a-z0-9-]/g, '')));
  if (at >= 0) {
    const text = cleanAnswer(words.slice(at + 1).join(' '));
    return wordCount(text) >= 3 && /^(?:is|are|[a-z]+[^s]s)\b/.test(text) ? text : undefined;
  }
  if (/^(?:this|it)\s+(?:is|are|[a-z]+s)\b/i.test(sentence)) return cleanAnswer(sentence.replace(/^\S+\s+/, ''));
  return undefined;
}

function uniqueNames(entries: Entry[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    if (!entry.name.trim() || seen.has(key)) continue;
    seen.add(key);
    names.push(entry.name);
  }
  return names;
}

// "Which service …" when every name ends in the same noun; else the list's plural label.
function groupNoun(entries: Entry[], first: NoteLine | undefined): string | undefined {
  // "spec.replicas", "spec.template": manifest fields, whatever the section is called.
  if (entries.every((e) => /^\.?[a-z]+[A-Za-z]*(?:\.[A-Za-z]+)+$/.test(e.name))) return 'field';
  const lastWords = entries.map((e) => (e.name.split(/\s+/).pop() ?? '').toLowerCase());
  const shared = lastWords[0];
  if (shared && entries.length >= MIN_OPTIONS && lastWords.every((w) => w === shared) && entries.every((e) => wordCount(e.name) > 1)) {
    return shared;
  }
  const parent = first?.parent;
  // The list's label, or for a top-level list the heading it sits under ("Restart policies").
  const label = parent?.leadIn ? parent.text.replace(/[:\s]+$/, '') : !parent ? first?.topic[first.topic.length - 1] : undefined;
  if (label && isPluralPhrase(label) && wordCount(label) <= 3) return lowerCommonNoun(singularOf(label));
  return undefined;
}

// Proper names keep their capital ("Which Dockerfile instruction …"); common nouns lose it.
const PROPER = /^(?:Docker|Dockerfile|Kubernetes|Linux|Service|Pod|BSD|CRI|OCI)\b/;
function lowerCommonNoun(noun: string): string {
  return PROPER.test(noun) ? noun : noun.charAt(0).toLowerCase() + noun.slice(1);
}

// Upper-case names (FROM, CMD) are matched case-sensitively so "from" in prose stays.
function blankName(text: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flags = name === name.toUpperCase() ? 'g' : 'gi';
  return text.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, flags), '___');
}
