/**
 * The compiler's public data shapes. The storage layer persists `CompiledCard`s and keys review
 * history on the ids that `identity.ts` assigns, so fields here are only ever added, never renamed.
 */

/** What sort of question a card asks. */
export type CardKind = 'basic' | 'cloze' | 'command' | 'choice';

/**
 * How a quiz grades a typed answer: 'words' (tolerant text match), 'command' (parsed docker /
 * kubectl comparison), 'choice' (pick one option). 'reveal' means the answer is too long to type,
 * so the card is only ever self-graded.
 */
export type AnswerMode = 'reveal' | 'words' | 'command' | 'choice';

/** One question compiled from a learner's note. */
export interface CompiledCard {
  kind: CardKind;
  /** Heading and bold lead-in path, e.g. ['Containers with Docker', 'Container Images']. */
  topic: string[];
  /** Plain text; the web layer escapes it. */
  prompt: string;
  /** Plain text. */
  answer: string;
  answerMode: AnswerMode;
  /** For kind 'choice': every option, the answer included exactly once. */
  choices?: string[];
  /** File relative to the content dir, 1-based line. */
  source: { file: string; line: number };
  /** Tags from the note's front matter, when it has any. */
  tags?: string[];
  /**
   * How sure the compiler is that the card is good, 0..1, from explicit signals (which rule, how
   * clean the structure, parse quality, length, context). Below `DRAFT_BELOW` the card is a
   * draft: shown to the learner to accept, edit or reject, never put into reviews by itself.
   */
  confidence: number;
  /** Other answers the note itself gives ("containerd (or CRI-O)"), each accepted when typed. */
  alternatives?: string[];
}

/** Cards with a confidence below this are drafts. */
export const DRAFT_BELOW = 0.6;

/** Whether a compiled card is a draft rather than a card for reviews. */
export function isDraft(card: Pick<CompiledCard, 'confidence'>): boolean {
  return card.confidence < DRAFT_BELOW;
}

/** A problem in a note, located precisely enough to jump to it in an editor. */
export interface CompileError {
  file: string;
  line: number;
  message: string;
}

/** A note line that produced no card, so an author can see what the compiler did not understand. */
export interface BarrenLine {
  file: string;
  line: number;
  text: string;
}

/**
 * Everything one compile run produced; the compiler reports problems here instead of throwing.
 * Errors are only for explicit author syntax that cannot be read (a broken `{{c1::` cloze,
 * unreadable front matter); anything else odd in a note is a warning and costs no card.
 */
export interface CompileResult {
  cards: CompiledCard[];
  errors: CompileError[];
  warnings: CompileError[];
  barren: BarrenLine[];
}

/** A note file as read from disk: path relative to the content dir, and its text. */
export interface NoteFile {
  path: string;
  text: string;
}
