import type { Code, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { lineOf, plainText } from './markdown.js';

/**
 * Turns an mdast tree into the units card rules work on: note lines (a paragraph or a list
 * item's first paragraph) with their topic path, parent, siblings and children, and code blocks
 * with the lines around them. Rules never look at the tree or the raw text themselves.
 */

/** One statement of a note, with the context a card rule needs. */
export interface NoteLine {
  text: string;
  nodes: PhrasingContent[];
  line: number;
  topic: string[];
  parent?: NoteLine;
  /** Lead lines of every item in the same list, this one included; empty outside lists. */
  siblings: NoteLine[];
  /** Lead lines of the items nested directly under this one. */
  children: NoteLine[];
  /** A bold or short label that names a topic for its children rather than stating something. */
  leadIn: boolean;
  /** Set when the line's job is to say what a code block does. */
  describesCode: boolean;
  /** A heading phrased as a question ("What is a taint?") that this line, the first after it, answers. */
  question?: string;
  /** The heading right above, when this line comes first under it ("## Check all containers"). */
  heading?: string;
}

/** A fenced or indented code block with its neighbouring lines. */
export interface CodeBlock {
  node: Code;
  value: string;
  lang: string | null;
  line: number;
  topic: string[];
  /** The line right before the block in the same container, if it is a paragraph. */
  before?: NoteLine;
  /** The paragraph right after the block in the same container. */
  after?: NoteLine;
  /** The list item lead whose item holds the block: it says what the block is. */
  heldBy?: NoteLine;
  /** A question heading the block answers on its own. */
  question?: string;
  /** The heading right above, when the block comes first under it. */
  heading?: string;
}

/** A pipe table: its header cells and rows of plain-text cells. */
export interface TableBlock {
  header: string[];
  rows: { cells: string[]; line: number }[];
  line: number;
  topic: string[];
}

/** All units of one note. */
export interface Outline {
  lines: NoteLine[];
  codes: CodeBlock[];
  tables: TableBlock[];
}

interface Context {
  topic: string[];
  parent?: NoteLine;
}

interface HeadingEntry {
  depth: number;
  text: string;
  /** A heading at the very top that only wraps deeper headings: the document title, not a topic. */
  wrapper: boolean;
}

const MAX_LABEL_WORDS = 4;

/** Walks a parsed note; `baseTopic` comes from front matter. */
export function buildOutline(root: Root, baseTopic: string[]): Outline {
  const outline: Outline = { lines: [], codes: [], tables: [] };
  let question: string | undefined;
  let heading: string | undefined;
  const headings: HeadingEntry[] = [];
  let seenContent = false;
  let boldTopic: string | undefined;
  const topicNow = (): string[] => [
    ...baseTopic,
    ...headings.filter((h) => !h.wrapper).map((h) => h.text),
    ...(boldTopic ? [boldTopic] : []),
  ];

  let segment: RootContent[] = [];
  const flush = (): void => {
    const lines = outline.lines.length;
    const codes = outline.codes.length;
    walkFlow(segment, { topic: topicNow() }, outline);
    segment = [];
    if (question) attachQuestion(question, outline.lines[lines], outline.codes[codes]);
    else if (heading) attachHeading(heading, outline.lines[lines], outline.codes[codes]);
    question = undefined;
    heading = undefined;
  };
  for (const node of root.children) {
    if (node.type === 'heading') {
      flush();
      while (headings.length > 0 && (headings[headings.length - 1]?.depth ?? 0) >= node.depth) headings.pop();
      // Headings stacked before any content (title › "Notes" › first section) collapse to the last.
      if (!seenContent) for (const h of headings) h.wrapper = true;
      const text = plainText(node.children);
      question = asQuestion(text);
      heading = text;
      if (text) headings.push({ depth: node.depth, text, wrapper: false });
      boldTopic = undefined;
      continue;
    }
    if (node.type === 'definition' || node.type === 'thematicBreak' || node.type === 'html') continue;
    seenContent = true;
    if (node.type === 'paragraph' && isAllStrong(node)) {
      flush();
      boldTopic = plainText(node.children).replace(/:$/, '').trim();
      continue;
    }
    segment.push(node);
  }
  flush();
  return outline;
}

function walkFlow(blocks: readonly RootContent[], ctx: Context, outline: Outline): void {
  let previousLine: NoteLine | undefined;
  let pendingCode: CodeBlock | undefined;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const line = makeLine(block, ctx, []);
      outline.lines.push(line);
      if (pendingCode) pendingCode.after = line;
      pendingCode = undefined;
      previousLine = line;
      continue;
    }
    pendingCode = undefined;
    if (block.type === 'code') {
      const code: CodeBlock = {
        node: block,
        value: block.value.replace(/\s+$/, ''),
        lang: block.lang ?? null,
        line: lineOf(block),
        topic: ctx.topic,
      };
      if (previousLine) code.before = previousLine;
      outline.codes.push(code);
      pendingCode = code;
    } else if (block.type === 'list') {
      walkList(block, ctx, outline);
    } else if (block.type === 'blockquote') {
      walkFlow(block.children, ctx, outline);
    } else if (block.type === 'table') {
      outline.tables.push(readTable(block, ctx.topic));
    }
    previousLine = undefined;
  }
}

function walkList(list: List, ctx: Context, outline: Outline): void {
  const siblings: NoteLine[] = [];
  for (const item of list.children) {
    const lead = leadParagraph(item);
    if (!lead) {
      walkFlow(item.children, ctx, outline);
      continue;
    }
    const line = makeLine(lead, ctx, siblings);
    siblings.push(line);
    outline.lines.push(line);
    // Children are the leads of nested list items whose parent is this line; kept as they are
    // made, so a deep list costs its size, not its size times its depth.
    ctx.parent?.children.push(line);
    const hasChildList = item.children.some((child) => child.type === 'list');
    line.leadIn = hasChildList && isLabel(lead, line.text);
    const childTopic = line.leadIn ? [...ctx.topic, cleanLabel(line.text)] : ctx.topic;
    walkFlowAfterLead(item, { topic: childTopic, parent: line }, outline, line);
  }
}

// The lead paragraph is already a line; walk the rest of the item so a code block right after
// the lead still sees it as the line before.
function walkFlowAfterLead(item: ListItem, ctx: Context, outline: Outline, lead: NoteLine): void {
  const rest = item.children.slice(1);
  const first = rest[0];
  if (first?.type === 'code') {
    const code: CodeBlock = {
      node: first,
      value: first.value.replace(/\s+$/, ''),
      lang: first.lang ?? null,
      line: lineOf(first),
      topic: ctx.topic,
      before: lead,
      heldBy: lead,
    };
    outline.codes.push(code);
    const next = rest[1];
    const tail = rest.slice(1);
    if (next?.type === 'paragraph') {
      const after = makeLine(next, ctx, []);
      outline.lines.push(after);
      code.after = after;
      walkFlow(tail.slice(1), ctx, outline);
    } else {
      walkFlow(tail, ctx, outline);
    }
    return;
  }
  walkFlow(rest, ctx, outline);
}

function leadParagraph(item: ListItem): Paragraph | undefined {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : undefined;
}

function makeLine(paragraph: Paragraph, ctx: Context, siblings: NoteLine[]): NoteLine {
  const line: NoteLine = {
    text: plainText(paragraph.children),
    nodes: paragraph.children,
    line: lineOf(paragraph),
    topic: ctx.topic,
    siblings,
    children: [],
    leadIn: false,
    describesCode: false,
  };
  if (ctx.parent) line.parent = ctx.parent;
  return line;
}

/** A paragraph made only of bold text, optionally followed by a colon. */
export function isAllStrong(paragraph: Paragraph): boolean {
  const meaningful = paragraph.children.filter((n) => !(n.type === 'text' && /^[\s:]*$/.test(n.value)));
  return meaningful.length === 1 && meaningful[0]?.type === 'strong';
}

// A list item lead that names a group ("**Kubelet**", "Namespaces") rather than saying something.
function isLabel(paragraph: Paragraph, text: string): boolean {
  if (isAllStrong(paragraph)) return true;
  if (/[?:]$/.test(text) || /\s[-–—>]+\s/.test(text)) return false;
  return text.split(/\s+/).length <= MAX_LABEL_WORDS && !/[.!]$/.test(text);
}

function cleanLabel(text: string): string {
  return text.replace(/[:\s]+$/, '').trim();
}

const QUESTION_WORDS = /^(?:what|why|how|when|where|which|who|can|does|do|is|are|should)\b/i;

// "What is a taint?" or "What is Docker:" as a heading: the content under it answers it.
function asQuestion(text: string): string | undefined {
  if (/\?\s*$/.test(text)) return text.trim();
  if (QUESTION_WORDS.test(text) && /:\s*$/.test(text)) return `${text.replace(/:\s*$/, '').trim()}?`;
  return undefined;
}

// The question goes to whichever comes first under the heading: a line or a code block.
function attachQuestion(question: string, line: NoteLine | undefined, code: CodeBlock | undefined): void {
  if (line && (!code || line.line < code.line)) line.question = question;
  else if (code) code.question = question;
}

function attachHeading(text: string, line: NoteLine | undefined, code: CodeBlock | undefined): void {
  if (line && (!code || line.line < code.line)) line.heading = text;
  else if (code) code.heading = text;
}

function readTable(table: Table, topic: string[]): TableBlock {
  const [head, ...body] = table.children;
  const cells = (row: Table['children'][number]): string[] => row.children.map((cell) => plainText(cell.children));
  return {
    header: head ? cells(head) : [],
    rows: body.map((row) => ({ cells: cells(row), line: lineOf(row) })),
    line: lineOf(table),
    topic,
  };
}
