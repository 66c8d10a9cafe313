import { looksLikeCommandText, stripPromptAndSudo } from '../code-kind.js';
import { type DescriptionForm, readDescription } from '../language.js';

/**
 * Recognising shell commands and the words that say what they do. Only the first word (after a
 * pasted prompt, `sudo` and environment assignments) is checked against known programs, so prose
 * that merely mentions "docker" is not mistaken for a command.
 */

/** Whether text is one command line of a known program, with at least one argument. */
export function looksLikeCommand(text: string): boolean {
  return looksLikeCommandText(text.trim());
}

/** Drops a pasted shell prompt (`$ `, `user@host %`) and `sudo` from a command line. */
export function stripPrompt(text: string): string {
  return stripPromptAndSudo(text).text;
}

/** Result of reading the words that describe a command. */
export interface CommandDescription {
  predicate: string;
  /** How the words read: only an instruction or a third-person verb makes a confident prompt. */
  form: DescriptionForm | 'question';
  /** The author called it an example ("e.g."), not exactly what the command does. */
  example: boolean;
  /** The description already is a question. */
  question?: string;
}

// Asides that introduce something else than what the command does.
const ASIDE = /^(?:note|notes|nb|tip|warning|important|output|result|example|e\.g)\b\s*[:.-]/i;

/**
 * Turns "Run MySQL inside the pause container's namespaces -", "you can X using the", "to delete
 * leftover images" into a predicate ("runs MySQL …") for "Which command …?". Returns undefined when
 * too little is left to ask about or the words are an aside ("Note: …").
 */
export function describeCommand(raw: string): CommandDescription | undefined {
  let text = raw.trim();
  if (!text || ASIDE.test(text)) return undefined;
  if (/\?\s*$/.test(text)) return { predicate: '', form: 'question', example: false, question: text };
  const example = /\b(?:e\.g\.?|for example|for instance|example)\s*[:.]?\s*$/i.test(text);
  text = text
    .replace(/[.\s]*\b(?:e\.g\.?|for example|for instance|example)\s*[:.]?\s*$/i, '')
    .replace(/[\s:\-–—>]+$/, '')
    .replace(/\s+(?:using|with|via|by running|by|run|use|the|command|is|:)+$/i, '')
    .replace(/\s+(?:using|with|via|by running|by|run|use|the)+$/i, '')
    .replace(/^(?:you|we)\s+(?:can|could|should|may)\s+/i, '')
    .replace(/^(?:use|run)\s+(?=to\s)/i, '')
    .replace(/^(?:in order\s+)?to\s+/i, '')
    .replace(/^(?:this|it|which|that)\s+(?:(?:command|one|line|will|simply|just)\s+)+/i, '')
    // "Also edit a pod like this", "Now check …": words that lean on the line before.
    .replace(/^(?:also|now|then|next|finally|just|simply)\s+/i, '')
    .replace(/\s+(?:like this|like that|as well|too)(?=\s|$)/gi, '')
    .replace(/[\s:.\-–—>]+$/, '')
    .trim();
  if (text.split(/\s+/).length < 2) return undefined;
  // "If you want to find pods in the dev environment use" says its purpose in the clause.
  const purpose = /^(?:if|when)\s+you\s+(?:want|need|wish|would like)\s+to\s+(.+?)(?:\s*,.*|\s+(?:use|run|do|try)\b.*)?$/i.exec(text);
  if (purpose?.[1] && purpose[1].split(/\s+/).length >= 2) {
    const read = readDescription(purpose[1]);
    if (read.form === 'imperative') return { predicate: read.predicate, form: read.form, example };
  }
  // "If the pod is pending, check the scheduler": the instruction, with its condition after it.
  const conditional = /^(?:if|when|once|after)\s+([^,]+),\s*(.+)$/i.exec(text);
  const short = (part: string | undefined): boolean => (part ?? '').split(/\s+/).length <= 12;
  if (conditional?.[1] && conditional[2] && short(conditional[1]) && short(conditional[2])) {
    const read = readDescription(conditional[2]);
    if (read.form === 'imperative') return { predicate: `${read.predicate} when ${conditional[1]}`, form: read.form, example };
  }
  const read = readDescription(text);
  return { predicate: read.predicate, form: read.form, example };
}
