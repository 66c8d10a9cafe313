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

/** Everything one compile run produced; the compiler reports problems here instead of throwing. */
export interface CompileResult {
  cards: CompiledCard[];
  errors: CompileError[];
  barren: BarrenLine[];
}

/** A note file as read from disk: path relative to the content dir, and its text. */
export interface NoteFile {
  path: string;
  text: string;
}
