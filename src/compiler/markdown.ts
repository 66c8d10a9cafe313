import type { Code, Nodes, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** Parses a note body into an mdast tree with GitHub-flavoured Markdown (tables, task lists). */
export function parseMarkdown(body: string): Root {
  const chunks = topLevelChunks(body);
  if (chunks.length === 1) return parseChunk(body);
  const root: Root = { type: 'root', children: [] };
  for (const chunk of chunks) {
    const part = parseChunk(chunk.text);
    shiftPositions(part, chunk.line - 1, chunk.offset);
    root.children.push(...part.children);
  }
  return root;
}

function parseChunk(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/**
 * micromark's cost grows faster than linearly with the length of one list (its edit map is
 * re-spliced per item), so a 100,000-line list never finished. A long note is parsed in pieces
 * cut where a new top-level block starts — a heading or a list item at column 0, outside a fence —
 * which CommonMark parses the same way apart from the list being several lists.
 */
const CHUNK_LINES = 2_000;

function topLevelChunks(body: string): { text: string; line: number; offset: number }[] {
  const lines = body.split('\n');
  if (lines.length <= CHUNK_LINES) return [{ text: body, line: 1, offset: 0 }];
  const chunks: { text: string; line: number; offset: number }[] = [];
  let start = 0;
  let offset = 0;
  let startOffset = 0;
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) fence = fence === undefined ? marker[0] : marker[0] === fence ? undefined : fence;
    const boundary = fence === undefined && i - start >= CHUNK_LINES && /^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s)/.test(line);
    if (boundary) {
      chunks.push({ text: lines.slice(start, i).join('\n'), line: start + 1, offset: startOffset });
      start = i;
      startOffset = offset;
    }
    offset += line.length + 1;
  }
  chunks.push({ text: lines.slice(start).join('\n'), line: start + 1, offset: startOffset });
  return chunks;
}

interface Positioned {
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
  children?: unknown[];
}

function shiftPositions(node: Positioned, lines: number, offset: number): void {
  const stack: Positioned[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) continue;
    if (current.position) {
      current.position.start.line += lines;
      current.position.end.line += lines;
      if (current.position.start.offset !== undefined) current.position.start.offset += offset;
      if (current.position.end.offset !== undefined) current.position.end.offset += offset;
    }
    for (const child of current.children ?? []) stack.push(child as Positioned);
  }
}

/**
 * The plain text a reader sees in a run of inline nodes: emphasis and links unwrapped, inline
 * code kept without its backticks, runs of whitespace collapsed.
 */
export function plainText(nodes: readonly PhrasingContent[]): string {
  // A line break inside a paragraph before a capital, after a line with no closing stop, is
  // how many authors end a statement: read it as the sentence end it is.
  return nodes
    .map(nodeText)
    .join('')
    .replace(/([\p{L}\p{N}'")\]`])[ \t]*\n[ \t]*(?=[A-Z])/gu, '$1. ')
    .replace(/\s+/g, ' ')
    .trim();
}

function nodeText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'html':
      // `<br/>` separates words like a line break; other inline HTML is markup, not content.
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? ' ' : '';
    // An image's alt text, struck-out text (the note corrects itself) and footnote marks are no
    // part of what the line says.
    case 'image':
    case 'delete':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? node.children.map((child) => nodeText(child as Nodes)).join('') : '';
  }
}

/** 1-based line where a node starts (1 when a synthetic node has no position). */
export function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

/**
 * True when a fenced code block reaches the end of its container without a closing fence.
 * CommonMark silently closes such a block at the end of the document or list item, which would
 * swallow the rest of the note into one code block, so the author needs to hear about it.
 */
export function isUnterminatedFence(code: Code, source: string): boolean {
  const start = code.position?.start.offset;
  const end = code.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const lines = source.slice(start, end).split(/\r?\n/).map(stripContainerPrefix);
  const opening = /^(`{3,}|~{3,})/.exec(lines[0] ?? '');
  if (!opening?.[1]) return false; // indented code has no fence to close
  const fence = opening[1];
  if (lines.length < 2) return true;
  const last = lines[lines.length - 1] ?? '';
  const closing = /^(`{3,}|~{3,})\s*$/.exec(last);
  return !closing?.[1] || closing[1][0] !== fence[0] || closing[1].length < fence.length;
}

// Lines inside list items and block quotes carry indentation and `>` markers in the raw slice.
function stripContainerPrefix(line: string): string {
  return line.replace(/^[\s>]*/, '');
}
