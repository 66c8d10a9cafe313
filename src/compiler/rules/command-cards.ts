import type { CodeBlock, NoteLine } from '../outline.js';
import { plainText } from '../markdown.js';
import { type BlockCommand, classifyCode } from '../code-kind.js';
import { sentencesOf } from '../language.js';
import { lowerFirst } from '../phrasing.js';
import { type CommandDescription, describeCommand, looksLikeCommand, stripPrompt } from './command-text.js';
import { DOCKERFILE_FACTS, MANIFEST_FACTS } from './code-facts.js';
import { knownCommand } from './known-commands.js';
import type { RuleContext } from './rule-context.js';
import type { AnswerMode } from '../types.js';

/**
 * Command recall: "Which command …?" from a code block and the line that introduces it (the list
 * item holding it, a sentence ending in ":" right before it, a `# comment` above a command, or —
 * the seed notes' style — the sentence right after it), or from a line that pairs a description
 * with an inline command. Dockerfiles and manifests give cards about their instructions and
 * fields; pasted output gives nothing.
 */

const MARK = '\u0000';
const MAX_TYPED_COMMAND = 160;
const MAX_PROMPT = 130;

/** Emits cards for a code block; returns whether it did. `intros` are lines that lead into a block. */
export function codeBlockCard(code: CodeBlock, ctx: RuleContext, intros: ReadonlySet<NoteLine>): boolean {
  const content = classifyCode(code.value, code.lang);
  const start = contentLine(code);
  switch (content.kind) {
    case 'commands':
    case 'transcript': {
      const commented = content.commands.filter((entry) => entry.comment);
      if (commented.length >= 2 || (commented.length === 1 && content.commands.length === 1 && !describingLine(code, ctx, intros))) {
        let emitted = false;
        for (const entry of commented) emitted = commentCard(entry, code, start, ctx, content.kind === 'transcript') || emitted;
        if (emitted) return true;
      }
      const found = describingLine(code, ctx, intros);
      if (!found) return code.heading ? false : knownCommandCards(content.commands, start, code.topic, ctx, content.kind === 'transcript');
      const answer = content.commands.map((entry) => entry.command).join('\n');
      let confidence = found.confidence * (content.kind === 'transcript' ? 0.7 : 1);
      if (content.commands.length > 1) confidence -= 0.1;
      emitCommand(found.description, answer, 'command', code.line, code.topic, confidence, ctx);
      found.line.describesCode = true;
      ctx.consume(found.line);
      return true;
    }
    case 'dockerfile': {
      for (const item of content.instructions) {
        const does = DOCKERFILE_FACTS[item.name];
        if (!does) continue;
        ctx.emit({
          kind: 'basic',
          prompt: `Which Dockerfile instruction ${does}?`,
          answer: item.name,
          answerMode: 'words',
          line: start + item.offset,
          topic: code.topic,
          confidence: 0.8,
        });
      }
      return codeFileCard(code, 'Dockerfile', ctx, intros) || content.instructions.length > 0;
    }
    case 'manifest': {
      const seen = new Set<string>();
      for (const field of content.fields) {
        const fact = MANIFEST_FACTS.find((f) => (field.name === f.path || field.name.endsWith(`.${f.path}`)) && (f.kinds.length === 0 || f.kinds.includes(content.objectKind)));
        if (!fact || seen.has(fact.path)) continue;
        seen.add(fact.path);
        const where = content.objectKind ? `of a ${content.objectKind} manifest` : 'of a Kubernetes manifest';
        ctx.emit({
          kind: 'basic',
          prompt: `Which field ${where} ${fact.does}?`,
          answer: fact.name,
          answerMode: 'words',
          line: start + field.offset,
          topic: code.topic,
          confidence: content.objectKind ? 0.8 : 0.7,
        });
      }
      return codeFileCard(code, content.objectKind ? `${content.objectKind} manifest` : 'manifest', ctx, intros) || seen.size > 0;
    }
    case 'compose':
      return codeFileCard(code, 'Compose file', ctx, intros);
    case 'output':
    case 'code':
      return false;
  }
}

// "Write a Dockerfile that …": a whole file is self-graded and rarely recalled word for word, so
// it is a draft the learner may keep.
function codeFileCard(code: CodeBlock, noun: string, ctx: RuleContext, intros: ReadonlySet<NoteLine>): boolean {
  const found = describingLine(code, ctx, intros);
  if (!found || found.description.form === 'question') return false;
  if (found.description.form !== 'imperative' && found.description.form !== 'third-person' && found.description.form !== 'noun-phrase') return false;
  const prompt = found.description.form === 'noun-phrase' ? `Write a ${noun} for ${lowerFirst(found.description.predicate)}.` : `Write a ${noun} that ${found.description.predicate}.`;
  ctx.emit({ kind: 'command', prompt, answer: code.value, answerMode: 'reveal', line: code.line, topic: code.topic, confidence: 0.5 });
  found.line.describesCode = true;
  ctx.consume(found.line);
  return true;
}

function commentCard(entry: BlockCommand, code: CodeBlock, start: number, ctx: RuleContext, transcript: boolean): boolean {
  const description = describeCommand(entry.comment ?? '');
  if (!description) return false;
  const confidence = confidenceOf(description, 0.85) * (transcript ? 0.7 : 1);
  emitCommand(description, entry.command, 'command', start + entry.offset, code.topic, confidence, ctx);
  return true;
}

/** Where the block's first content line is in the note: fenced blocks start after their fence. */
function contentLine(code: CodeBlock): number {
  const position = code.node.position;
  if (!position) return code.line;
  const spanned = position.end.line - position.start.line + 1;
  return spanned > code.node.value.split('\n').length ? code.line + 1 : code.line;
}

interface Describer {
  line: NoteLine;
  description: CommandDescription;
  confidence: number;
}

// The list item holding the block, or the sentence ending in ":" before it, say what it does; the
// paragraph after it may (the seed notes' style), unless it leads into the next block.
function describingLine(code: CodeBlock, ctx: RuleContext, intros: ReadonlySet<NoteLine>): Describer | undefined {
  const usable = (line: NoteLine | undefined): line is NoteLine => line !== undefined && !line.leadIn && !ctx.isConsumed(line);
  const before = code.before;
  if (usable(before) && (code.heldBy === before || /[:\-–—>]\s*$/.test(before.text))) {
    const sentences = sentencesOf(before.text);
    const description = describeCommand(sentences[sentences.length - 1] ?? before.text);
    if (description) return { line: before, description, confidence: confidenceOf(description, 0.85) };
  }
  const after = code.after;
  if (usable(after) && !intros.has(after) && !/:\s*$/.test(after.text)) {
    const description = describeCommand(sentencesOf(after.text)[0] ?? after.text);
    if (description) return { line: after, description, confidence: confidenceOf(description, 0.75) };
  }
  return undefined;
}

/**
 * "## Check all containers" with a command right under it: the heading says what it does. A
 * heading is a weaker describer than a sentence (it may name a section, "## Docker Info"), so
 * only an instruction makes a confident card.
 */
export function headingCommandCard(code: CodeBlock, ctx: RuleContext): boolean {
  if (!code.heading || code.before) return false;
  const content = classifyCode(code.value, code.lang);
  if (content.kind !== 'commands') return false;
  const description = describeCommand(cleanHeading(code.heading));
  const clean = description && (description.form === 'imperative' || description.form === 'third-person');
  if (!clean) {
    // "## 09 Dockerizing Multiple Services" names a section; the commands under it may be known ones.
    if (knownCommandCards(content.commands, contentLine(code), code.topic, ctx, false)) return true;
  }
  if (!description || description.form === 'question') return false;
  const answer = content.commands.map((entry) => entry.command).join('\n');
  const confidence = confidenceOf(description, 0.75) - (content.commands.length > 1 ? 0.1 : 0);
  emitCommand(description, answer, 'command', code.line, code.topic, confidence, ctx);
  return true;
}

/** A paragraph that is only an inline command, first under a heading that says what it does. */
export function headingInlineCommandCard(line: NoteLine, ctx: RuleContext): boolean {
  const only = line.nodes.filter((node) => !(node.type === 'text' && !node.value.trim()));
  const code = only[0];
  if (!line.heading || only.length !== 1 || code?.type !== 'inlineCode' || !looksLikeCommand(code.value)) return false;
  const command = stripPrompt(code.value).trim();
  const description = describeCommand(cleanHeading(line.heading));
  const clean = description && (description.form === 'imperative' || description.form === 'third-person');
  if (!clean && knownCommandCards([{ command, offset: 0 }], line.line, line.topic, ctx, false)) {
    ctx.consume(line);
    return true;
  }
  if (!description || description.form === 'question') return false;
  emitCommand(description, command, 'command', line.line, line.topic, confidenceOf(description, 0.75), ctx);
  ctx.consume(line);
  return true;
}

/**
 * Commands with nothing in the note to say what they do, asked with our own description of the
 * everyday ones ("Which command lists the pods?"). Once per description and note.
 */
function knownCommandCards(commands: readonly BlockCommand[], start: number, topic: string[], ctx: RuleContext, transcript: boolean): boolean {
  let emitted = false;
  for (const entry of commands) {
    const does = knownCommand(entry.command);
    if (!does || !ctx.once(`known:${does}`)) continue;
    ctx.emit({
      kind: 'command',
      prompt: `Which command ${does}?`,
      answer: entry.command,
      answerMode: modeFor(entry.command),
      line: start + entry.offset,
      topic,
      confidence: transcript ? 0.7 : 0.75,
    });
    emitted = true;
  }
  return emitted;
}

// "## 3. Run the build command", "## 6. Debug: Get inside a running container".
function cleanHeading(text: string): string {
  return text.replace(/^\s*(?:\d+[.)]\s*)+/, '').replace(/^(?:step \d+|debug|tip|bonus)\s*:\s*/i, '').trim();
}

function confidenceOf(description: CommandDescription, base: number): number {
  const byForm = { imperative: 1, 'third-person': 1, question: 0.95, 'noun-phrase': 0.8, other: 0.5 } as const;
  let confidence = base * byForm[description.form];
  if (description.example) confidence -= 0.05;
  return confidence;
}

function emitCommand(
  description: CommandDescription,
  answer: string,
  noun: string,
  line: number,
  topic: string[],
  confidence: number,
  ctx: RuleContext,
): void {
  const prompt = promptFor(description, noun);
  // "Which command deletes it?": a pronoun points at a line the card does not show.
  const pointsBack = /\b(?:it|them|this|that|these|those)\b/i.test(description.predicate) && !description.question;
  const penalty = (prompt.length > MAX_PROMPT ? 0.2 : 0) + (pointsBack ? 0.25 : 0);
  ctx.emit({ kind: 'command', prompt, answer, answerMode: modeFor(answer), line, topic, confidence: confidence - penalty });
}

/** Emits a card for a line like "List every container - `docker ps -a`"; returns whether it did. */
export function inlineCommandCard(line: NoteLine, ctx: RuleContext): boolean {
  const found = inlineCommand(line) ?? separatedCommand(line.text);
  if (!found) return false;
  const description = describeCommand(found.description);
  if (!description) return false;
  emitCommand(description, found.command, 'command', line.line, line.topic, confidenceOf(description, found.inline ? 0.85 : 0.7), ctx);
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
    confidence: confidenceOf(description, 0.85),
  });
  ctx.consume(line);
  return true;
}

function inlineCommand(line: NoteLine): { command: string; description: string; inline: true } | undefined {
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
  return { command: stripPrompt(chosen.value).trim(), description, inline: true };
}

// Authors sometimes forget the closing backtick; the text still reads "description - docker …".
function separatedCommand(text: string): { command: string; description: string; inline: false } | undefined {
  const match = /^(.+?)\s+(?:-|–|—|->|:)\s+`?(.+?)`?$/.exec(text);
  if (!match?.[1] || !match[2] || !looksLikeCommand(match[2])) return undefined;
  return { command: stripPrompt(match[2]).trim(), description: match[1], inline: false };
}

function promptFor(description: CommandDescription, noun: string): string {
  if (description.question) return description.question;
  const what = noun === 'command' ? 'the command' : `a ${noun}`;
  if (description.form === 'noun-phrase') return `Write ${what} for ${lowerFirst(description.predicate)}.`;
  if (description.form === 'other') return `Write ${what}: ${description.predicate}.`;
  if (description.example) return `Give an example of a ${noun} that ${description.predicate}.`;
  return `Which ${noun} ${description.predicate}?`;
}

function modeFor(command: string): AnswerMode {
  return command.includes('\n') || command.length > MAX_TYPED_COMMAND ? 'reveal' : 'command';
}
