import type { CodeBlock, NoteLine } from '../outline.js';
import { plainText } from '../markdown.js';
import {
  type CommandDescription,
  describeCommand,
  isShellLang,
  languageName,
  looksLikeCommand,
  stripPrompt,
} from './command-text.js';
import type { RuleContext } from './rule-context.js';
import type { AnswerMode } from '../types.js';
import { lowerFirst, splitSentences } from '../phrasing.js';

/**
 * Command recall: "Which command …?" from a code block and the sentence that says what it does,
 * or from a line that pairs a description with an inline command.
 */

const MARK = '\u0000';
const MAX_TYPED_COMMAND = 160;

/** Emits a card for a code block with a describing line next to it; returns whether it did. */
export function codeBlockCard(code: CodeBlock, ctx: RuleContext): boolean {
  const answer = code.value
    .split('\n')
    .map((line) => stripPrompt(line))
    .join('\n')
    .trim();
  if (!answer) return false;
  const intro = code.before && /[:\-–—>]\s*$/.test(code.before.text) ? code.before : undefined;
  const candidates = [intro, code.after, code.before].filter(
    (line): line is NoteLine => line !== undefined && !line.leadIn && !ctx.isConsumed(line),
  );
  for (const line of candidates) {
    // An intro before the block ends in the sentence that leads into it; a note after it starts
    // with the sentence about it.
    const sentences = splitSentences(line.text);
    const sentence = (line === code.after ? sentences[0] : sentences[sentences.length - 1]) ?? line.text;
    const description = describeCommand(sentence);
    if (!description) continue;
    const shell = isShellLang(code.lang) || looksLikeCommand(answer);
    const noun = shell ? 'command' : languageName(code.lang);
    ctx.emit({
      kind: 'command',
      prompt: promptFor(description, noun),
      answer,
      answerMode: shell ? modeFor(answer) : 'reveal',
      line: code.line,
      topic: code.topic,
    });
    line.describesCode = true;
    ctx.consume(line);
    return true;
  }
  return false;
}

/** Emits a card for a line like "List every container - `docker ps -a`"; returns whether it did. */
export function inlineCommandCard(line: NoteLine, ctx: RuleContext): boolean {
  const found = inlineCommand(line) ?? separatedCommand(line.text);
  if (!found) return false;
  const description = describeCommand(found.description);
  if (!description) return false;
  ctx.emit({
    kind: 'command',
    prompt: promptFor(description, 'command'),
    answer: found.command,
    answerMode: modeFor(found.command),
    line: line.line,
    topic: line.topic,
  });
  ctx.consume(line);
  return true;
}

/**
 * "add `-d` to the docker run command to detach from the terminal" → "Which docker run flag
 * detaches from the terminal …?". The purpose is the first "to <verb>" after the flag.
 */
export function flagCard(line: NoteLine, ctx: RuleContext): boolean {
  const flag = line.nodes.find((node) => node.type === 'inlineCode' && /^--?[a-zA-Z]/.test(node.value));
  if (flag?.type !== 'inlineCode') return false;
  const text = plainText(line.nodes.map((node) => (node === flag ? { type: 'text', value: MARK } : node)));
  const after = text.slice(text.indexOf(MARK) + 1);
  const purpose = /\bto\s+(?!(?:the|a|an|your|its|this|that)\b)(\w.*)$/i.exec(after);
  if (!purpose?.[1]) return false;
  const description = describeCommand(purpose[1]);
  if (!description || description.question) return false;
  const noun = /docker run|running a container|starting a container/i.test(text) ? 'docker run flag' : 'flag';
  ctx.emit({
    kind: 'basic',
    prompt: `Which ${noun} ${description.predicate}?`,
    answer: flag.value.trim(),
    answerMode: 'words',
    line: line.line,
    topic: line.topic,
  });
  ctx.consume(line);
  return true;
}

function inlineCommand(line: NoteLine): { command: string; description: string } | undefined {
  const commands = line.nodes.filter((node) => node.type === 'inlineCode' && looksLikeCommand(node.value));
  const chosen = commands[0];
  if (commands.length !== 1 || chosen?.type !== 'inlineCode') return undefined;
  const marked = plainText(line.nodes.map((node) => (node === chosen ? { type: 'text', value: MARK } : node)))
    .replace(new RegExp(`\\bthe\\s*${MARK}\\s*command\\b`, 'i'), MARK);
  const [beforeRaw = '', afterRaw = ''] = marked.split(MARK);
  const before = beforeRaw.replace(/[\s:\-–—>]+$/, '').trim();
  const after = afterRaw.replace(/^[\s:\-–—>]+/, '').trim();
  const afterIsPurpose = /^(?:to|in order to)\s/i.test(after) || (!before && after);
  const description = afterIsPurpose ? after : before;
  if (!description) return undefined;
  return { command: stripPrompt(chosen.value).trim(), description };
}

// Authors sometimes forget the closing backtick; the text still reads "description - docker …".
function separatedCommand(text: string): { command: string; description: string } | undefined {
  const match = /^(.+?)\s+(?:-|–|—|->|:)\s+`?(.+?)`?$/.exec(text);
  if (!match?.[1] || !match[2] || !looksLikeCommand(match[2])) return undefined;
  return { command: stripPrompt(match[2]).trim(), description: match[1] };
}

function promptFor(description: CommandDescription, noun: string): string {
  if (description.question) return description.question;
  // A noun phrase ("A small image that serves a page") describes the result, not an action.
  const phrase = /^(?:a|an|the)\s/i.test(description.predicate) ? description.predicate : undefined;
  if (phrase) return `Write ${noun === 'command' ? 'the command' : `a ${noun}`} for ${lowerFirst(phrase)}.`;
  if (description.example) return `Give an example of a ${noun} that ${description.predicate}.`;
  return `Which ${noun} ${description.predicate}?`;
}

function modeFor(command: string): AnswerMode {
  return command.includes('\n') || command.length > MAX_TYPED_COMMAND ? 'reveal' : 'command';
}
