import type { AnswerMode, CardKind } from '../types.js';
import type { NoteLine } from '../outline.js';

/** A card before the compiler attaches its file, tags and identity. */
export interface CardDraft {
  kind: CardKind;
  prompt: string;
  answer: string;
  answerMode: AnswerMode;
  choices?: string[];
  line: number;
  topic: string[];
  /** 0..1, see `CompiledCard.confidence`. */
  confidence?: number;
  alternatives?: string[];
}

/**
 * What a rule may do: emit cards, report located errors, and mark lines as used so later
 * (weaker) rules skip them and the report does not call them barren.
 */
export interface RuleContext {
  emit(card: CardDraft): void;
  error(line: number, message: string): void;
  /** A located problem that costs no card. */
  warn(line: number, message: string): void;
  /** Marks lines whose meaning a card already captured; heuristics skip them. */
  consume(...lines: NoteLine[]): void;
  isConsumed(line: NoteLine): boolean;
  /** Marks lines that contributed (as an option, a description) without being consumed. */
  touch(...lines: NoteLine[]): void;
  /** Whether a card of one of these kinds was already emitted for this note line. */
  hasCard(line: number, kinds: readonly CardKind[]): boolean;
  /** True the first time `key` is seen in this note: the same fact is asked once per note. */
  once(key: string): boolean;
}

/** Words in an answer short enough for a learner to type and be graded on. */
export const TYPABLE_WORDS = 6;

/** 'words' when the answer is short enough to type, 'reveal' otherwise. */
export function wordsOrReveal(answer: string): AnswerMode {
  return answer.trim().split(/\s+/).length <= TYPABLE_WORDS ? 'words' : 'reveal';
}
