import { normalizeText } from './text-distance.js';
import { isDraft, type CardKind, type CompiledCard, type CompileResult } from './types.js';

/**
 * The author's view of a compile: what came out, what did not, and what looks wrong. Pure, so
 * the CLI only prints it and the tests can read it.
 */

/** A card that compiled but probably reads badly. */
export interface SuspiciousCard {
  card: CompiledCard;
  reason: string;
}

/** Counts and findings of one compile. */
export interface CompileReport {
  total: number;
  byKind: Record<CardKind, number>;
  byTopic: { topic: string; count: number }[];
  /** Notes (files) that produced no card at all. */
  emptyFiles: string[];
  suspicious: SuspiciousCard[];
}

/** Prompts longer than this are hard to review in one glance. */
export const MAX_PROMPT_CHARS = 200;

/** Builds the report; `files` lists every compiled file so empty ones can be named. */
export function buildReport(result: CompileResult, files: readonly string[]): CompileReport {
  const byKind: Record<CardKind, number> = { basic: 0, cloze: 0, command: 0, choice: 0 };
  const topics = new Map<string, number>();
  const withCards = new Set<string>();
  for (const card of result.cards) {
    byKind[card.kind]++;
    const topic = card.topic.join(' › ') || '(no topic)';
    topics.set(topic, (topics.get(topic) ?? 0) + 1);
    withCards.add(card.source.file);
  }
  return {
    total: result.cards.length,
    byKind,
    byTopic: [...topics].map(([topic, count]) => ({ topic, count })).sort((a, b) => a.topic.localeCompare(b.topic)),
    emptyFiles: files.filter((file) => !withCards.has(file)),
    suspicious: findSuspicious(result.cards),
  };
}

/** Cards whose text suggests a compiler mistake or a note worth rewording. */
export function findSuspicious(cards: readonly CompiledCard[]): SuspiciousCard[] {
  const found: SuspiciousCard[] = [];
  const answersByPrompt = new Map<string, Set<string>>();
  for (const card of cards) {
    const reason = suspicionOf(card);
    if (reason) found.push({ card, reason });
    const key = `${card.kind}:${normalizeText(card.prompt)}`;
    answersByPrompt.set(key, (answersByPrompt.get(key) ?? new Set()).add(normalizeText(card.answer)));
  }
  for (const card of cards) {
    const answers = answersByPrompt.get(`${card.kind}:${normalizeText(card.prompt)}`);
    if (answers && answers.size > 1) found.push({ card, reason: 'the same question has different answers' });
  }
  return found;
}

function suspicionOf(card: CompiledCard): string | undefined {
  const prompt = normalizeText(card.prompt);
  const answer = normalizeText(card.answer);
  if (!answer) return 'empty answer';
  if (prompt === answer) return 'answer equals question';
  if (card.prompt.length > MAX_PROMPT_CHARS) return `prompt is ${card.prompt.length} characters long`;
  if (card.kind !== 'command' && isCutMidSentence(card.answer)) return 'answer seems cut mid-sentence';
  if (card.kind === 'choice' && (card.choices ?? []).filter((c) => c === card.answer).length !== 1) {
    return 'choices do not contain the answer exactly once';
  }
  return undefined;
}

// An answer ending on a connective or an open bracket was cut from a longer sentence.
export function isCutMidSentence(answer: string): boolean {
  const text = answer.trim();
  if (/[,:(\[{\-–—]$/.test(text)) return true;
  if (/\b(?:and|or|the|a|an|of|to|with|for|in|on|by|that|which|because)$/i.test(text)) return true;
  const open = (text.match(/[([{]/g) ?? []).length;
  const close = (text.match(/[)\]}]/g) ?? []).length;
  return open > close || (text.match(/`/g) ?? []).length % 2 === 1;
}

/** Plain-text rendering of a report and the errors, as the CLI prints it. */
export function formatReport(report: CompileReport, result: CompileResult): string {
  const lines: string[] = [];
  const kinds = Object.entries(report.byKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  const drafted = result.cards.filter(isDraft).length;
  lines.push(`${report.total} cards (${kinds}), of which ${drafted} drafts`, '', 'Cards per topic:');
  for (const { topic, count } of report.byTopic) lines.push(`  ${String(count).padStart(4)}  ${topic}`);
  if (report.emptyFiles.length > 0) {
    lines.push('', 'Notes that produced nothing:');
    for (const file of report.emptyFiles) lines.push(`  ${file}`);
  }
  if (result.barren.length > 0) {
    lines.push('', `Lines that produced no card (${result.barren.length}):`);
    for (const line of result.barren) lines.push(`  ${line.file}:${line.line}: ${clip(line.text)}`);
  }
  if (report.suspicious.length > 0) {
    lines.push('', `Suspicious cards (${report.suspicious.length}):`);
    for (const { card, reason } of report.suspicious) {
      lines.push(`  ${card.source.file}:${card.source.line}: ${reason} — ${clip(card.prompt)}`);
    }
  }
  const drafts = result.cards.filter(isDraft);
  if (drafts.length > 0) {
    lines.push('', `Drafts, waiting for a learner to accept, edit or reject (${drafts.length}):`);
    for (const card of drafts) lines.push(`  ${card.source.file}:${card.source.line}: ${clip(card.prompt)}`);
  }
  if (result.warnings.length > 0) {
    lines.push('', `Warnings (${result.warnings.length}):`);
    for (const warning of result.warnings) lines.push(`${warning.file}:${warning.line}: ${warning.message}`);
  }
  if (result.errors.length > 0) {
    lines.push('', `Errors (${result.errors.length}):`);
    for (const error of result.errors) lines.push(`${error.file}:${error.line}: ${error.message}`);
  }
  return lines.join('\n');
}

function clip(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
