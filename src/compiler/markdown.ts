import type { Code, Nodes, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** Parses a note body into an mdast tree with GitHub-flavoured Markdown (tables, task lists). */
export function parseMarkdown(body: string): Root {
  return fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
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
