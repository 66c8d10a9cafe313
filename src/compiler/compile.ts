import { splitFrontMatter, topicPath } from './front-matter.js';
import { isUnterminatedFence, parseMarkdown } from './markdown.js';
import { buildOutline, type NoteLine, type Outline } from './outline.js';
import { authorCards } from './rules/author-cards.js';
import { labelCard, questionCard, definitionCard } from './rules/basic-cards.js';
import { choiceCards } from './rules/choice-cards.js';
import { clozeCards, type SubjectMemory } from './rules/cloze-cards.js';
import { codeBlockCard, flagCard, headingCommandCard, headingInlineCommandCard, inlineCommandCard } from './rules/command-cards.js';
import { questionHeadingCard, questionHeadingCode, tableCards } from './rules/structure-cards.js';
import type { CardDraft, RuleContext } from './rules/rule-context.js';
import { isCutMidSentence } from './report.js';
import type { CompiledCard, CompileResult, NoteFile } from './types.js';

/**
 * The note compiler: Markdown files in, cards and located errors out. It is pure and never
 * throws — a note the compiler cannot handle becomes an error entry, so one bad file never takes
 * the rest of the content down with it.
 *
 * Rules run strongest first and each line feeds at most one line rule: author syntax, then code
 * blocks with their describing sentence, then question / label / inline command / definition /
 * cloze heuristics. Multiple choice is built last from whole lists, because it needs the siblings.
 */
export function compileNotes(files: readonly NoteFile[]): CompileResult {
  const result: CompileResult = { cards: [], errors: [], warnings: [], barren: [] };
  for (const file of files) {
    try {
      compileFile(file, result);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      result.errors.push({ file: file.path, line: 1, message: `could not compile this note: ${reason}` });
    }
  }
  result.cards = dropDuplicates(result.cards);
  return result;
}

function compileFile(file: NoteFile, result: CompileResult): void {
  const split = splitFrontMatter(file.text);
  if (split.error) {
    result.errors.push({ file: file.path, line: split.error.line, message: split.error.message });
    // Without a closing fence there is no telling where the body starts.
    if (split.body === file.text && file.text.startsWith('---')) return;
  }
  const outline = buildOutline(parseMarkdown(split.body), topicPath(split.frontMatter.topic));
  const tags = split.frontMatter.tags;
  const consumed = new Set<NoteLine>();
  const emittedKinds = new Map<number, Set<CompiledCard['kind']>>();
  const seenKeys = new Set<string>();
  const touched = new Set<NoteLine>();
  const ctx: RuleContext = {
    emit: (draft) => {
      // Last line of defence: a heuristic fooled by odd text must not ship a card with a blank side.
      if (!isWellFormed(draft) || givesItselfAway(draft)) return;
      result.cards.push(toCard(weighed(draft), file.path, tags));
      emittedKinds.set(draft.line, (emittedKinds.get(draft.line) ?? new Set()).add(draft.kind));
    },
    once: (key) => !seenKeys.has(key) && Boolean(seenKeys.add(key)),
    hasCard: (line, kinds) => kinds.some((kind) => emittedKinds.get(line)?.has(kind) ?? false),
    error: (line, message) => result.errors.push({ file: file.path, line, message }),
    warn: (line, message) => result.warnings.push({ file: file.path, line, message }),
    consume: (...lines) => lines.forEach((line) => consumed.add(line)),
    isConsumed: (line) => consumed.has(line),
    touch: (...lines) => lines.forEach((line) => touched.add(line)),
  };
  runRules(outline, split.body, ctx);
  for (const line of outline.lines) {
    if (line.leadIn || consumed.has(line) || touched.has(line) || !line.text) continue;
    result.barren.push({ file: file.path, line: line.line, text: line.text });
  }
}

function runRules(outline: Outline, body: string, ctx: RuleContext): void {
  for (const line of outline.lines) authorCards(line, ctx);
  // Lines that lead into a block (its list item, or a sentence ending in ":") belong to that block.
  const intros = new Set(
    outline.codes.flatMap((code) => (code.before && (code.heldBy === code.before || /[:\-–—>]\s*$/.test(code.before.text)) ? [code.before] : [])),
  );
  for (const code of outline.codes) {
    // CommonMark closes such a block where its container ends, as every renderer shows it.
    if (isUnterminatedFence(code.node, body)) ctx.warn(code.line, 'code block is never closed: add a closing ``` line');
    void (questionHeadingCode(code, ctx) || codeBlockCard(code, ctx, intros) || headingCommandCard(code, ctx));
  }
  for (const table of outline.tables) tableCards(table, ctx);
  const memory: SubjectMemory = new Map();
  for (const line of outline.lines) {
    if (ctx.isConsumed(line) || line.describesCode) continue;
    // A label only names a topic; the only card it can make is "What is <label>?".
    if (line.leadIn) {
      void (questionCard(line, ctx) || labelCard(line, ctx));
      continue;
    }
    void (
      questionHeadingCard(line, ctx) ||
      headingInlineCommandCard(line, ctx) ||
      questionCard(line, ctx) ||
      inlineCommandCard(line, ctx) ||
      flagCard(line, ctx) ||
      definitionCard(line, ctx) ||
      clozeCards(line, ctx, memory)
    );
  }
  const lists = new Set<NoteLine[]>();
  for (const line of outline.lines) if (line.siblings.length > 0) lists.add(line.siblings);
  for (const siblings of lists) choiceCards(siblings, ctx);
}

function isWellFormed(draft: CardDraft): boolean {
  const blank = (text: string): boolean => !/[\p{L}\p{N}]/u.test(text) || /^_+$/.test(text.trim());
  if (blank(draft.prompt) || blank(draft.answer)) return false;
  if (draft.kind !== 'choice') return true;
  const choices = draft.choices ?? [];
  return choices.length >= 3 && choices.filter((choice) => choice === draft.answer).length === 1 && choices.every((c) => !blank(c));
}

// "___ are similar to unix cron jobs" → "Cronjobs": the answer is in the question.
function givesItselfAway(draft: CardDraft): boolean {
  if (draft.kind !== 'cloze' && draft.kind !== 'basic') return false;
  const letters = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const answer = letters(draft.answer).replace(/e?s$/, '');
  if (draft.answer.split(/\s+/).length > 3) return false;
  // "___ runs a command" → RUN: a short name is given away when a word of the prompt starts with it.
  const words = draft.prompt.toLowerCase().split(/[^a-z0-9]+/);
  return (answer.length >= 4 && letters(draft.prompt).includes(answer)) || (answer.length === 3 && words.some((word) => word.startsWith(answer)));
}

// Checks every rule shares: an answer cut mid-sentence ("… the following format `") or a
// command line too long to recall loses the confidence the rule gave it.
function weighed(draft: CardDraft): CardDraft {
  let confidence = draft.confidence ?? DEFAULT_CONFIDENCE;
  if (draft.kind !== 'command' && isCutMidSentence(draft.answer)) confidence -= 0.3;
  if (draft.kind === 'command' && draft.answerMode === 'command') {
    if (draft.answer.length > 160) confidence -= 0.3;
    else if (draft.answer.length > 100) confidence -= 0.15;
  }
  // A prompt that points back ("like this", "the update", "it") needs what it points at.
  if (/\b(?:like this|like that|the above|above command|this one)\b/i.test(draft.prompt)) confidence -= 0.3;
  // "… in the same folder", "… on the other machine": context the card does not carry.
  if (draft.kind !== 'choice' && /\bthe (?:same|other|previous|above|following|former|latter) (?!(?:on|in|as|at|to|for|with|way|time|thing)\b)\w/i.test(draft.prompt)) confidence -= 0.25;
  return { ...draft, confidence, topic: topicWithoutAnswer(draft) };
}

/**
 * Review shows the topic path above the prompt, so "Kubernetes › Kubelet" over "The ___ is the
 * primary node agent" gives the answer away: a card that asks for a name does not show the
 * section named after it.
 */
function topicWithoutAnswer(draft: CardDraft): string[] {
  const last = draft.topic[draft.topic.length - 1];
  // The top-level topic stays: classes choose their topics by it.
  if (!last || draft.topic.length < 2 || (draft.kind !== 'cloze' && draft.kind !== 'choice' && !(draft.kind === 'basic' && draft.answerMode === 'words'))) return draft.topic;
  const norm = (text: string): string => text.toLowerCase().replace(/[^a-z0-9/ ]/g, '').replace(/\s+/g, ' ').trim().replace(/e?s$/, '');
  const answer = norm(draft.answer);
  const section = norm(last);
  const parts = section.split(/\s*\/\s*/).map((part) => part.replace(/e?s$/, ''));
  const names = answer.length >= 2 && (section === answer || parts.includes(answer) || section.includes(answer) || answer.includes(section));
  return names ? draft.topic.slice(0, -1) : draft.topic;
}

// Rules that do not weigh their own output yet.
const DEFAULT_CONFIDENCE = 0.8;

function toCard(draft: CardDraft, file: string, tags: string[] | undefined): CompiledCard {
  const card: CompiledCard = {
    kind: draft.kind,
    topic: draft.topic,
    prompt: draft.prompt,
    answer: draft.answer,
    answerMode: draft.answerMode,
    source: { file, line: draft.line },
    confidence: draft.confidence ?? DEFAULT_CONFIDENCE,
  };
  if (draft.alternatives && draft.alternatives.length > 0) card.alternatives = draft.alternatives;
  if (draft.choices) card.choices = draft.choices;
  if (tags && tags.length > 0) card.tags = tags;
  return card;
}

// The same fact written twice (or pasted into two files) would be reviewed twice for nothing.
function dropDuplicates(cards: CompiledCard[]): CompiledCard[] {
  const seen = new Set<string>();
  return cards.filter((card) => {
    const key = `${card.kind}\u0000${card.prompt.toLowerCase()}\u0000${card.answer.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
