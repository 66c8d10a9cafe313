import { parseDocument } from 'yaml';
import { z } from 'zod';

/**
 * Optional YAML front matter at the very top of a note. It is the one piece of a note read as
 * lines rather than as a Markdown tree, because Markdown itself has no notion of it (a `---` pair
 * would otherwise parse as a thematic break and a setext heading).
 */

const FrontMatterSchema = z
  .object({
    topic: z.string().trim().min(1, 'topic must not be empty').optional(),
    tags: z.array(z.string().trim().min(1, 'a tag must not be empty')).optional(),
  })
  .strict();

/** Validated front matter fields. */
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** Result of splitting a note: the Markdown body keeps its original line numbers. */
export interface SplitNote {
  body: string;
  frontMatter: FrontMatter;
  error?: { line: number; message: string };
}

const FENCE = '---';

/**
 * Separates front matter from the Markdown body. The front matter lines are replaced by empty
 * lines instead of being cut, so every node position in the body is still the line in the file.
 */
export function splitFrontMatter(text: string): SplitNote {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== FENCE) return { body: text, frontMatter: {} };
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (closing === -1) {
    return {
      body: text,
      frontMatter: {},
      error: { line: 1, message: 'front matter starts with --- but has no closing --- line' },
    };
  }
  const yamlText = lines.slice(1, closing).join('\n');
  const body = [...lines.slice(0, closing + 1).map(() => ''), ...lines.slice(closing + 1)].join('\n');
  const parsed = parseFrontMatterYaml(yamlText);
  if ('error' in parsed) return { body, frontMatter: {}, error: parsed.error };
  return { body, frontMatter: parsed.value };
}

function parseFrontMatterYaml(
  yamlText: string,
): { value: FrontMatter } | { error: { line: number; message: string } } {
  // Warnings (an unknown tag such as `!foo`) are the author's mistakes too: reported with their
  // line, never printed to the server's console.
  const doc = parseDocument(yamlText, { logLevel: 'silent' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    // YAML reports positions inside the block; +1 skips the opening fence (linePos is 1-based).
    const yamlLine = problem.linePos?.[0]?.line ?? 1;
    return { error: { line: yamlLine + 1, message: `front matter is not valid YAML: ${problem.message.split('\n')[0]}` } };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    return { error: { line: 2, message: `front matter is not valid YAML: ${err instanceof Error ? err.message : String(err)}` } };
  }
  if (raw === null || raw === undefined) return { value: {} };
  const result = FrontMatterSchema.safeParse(raw);
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'front matter';
  return { error: { line: 2, message: `front matter ${field}: ${issue?.message ?? 'is invalid'}` } };
}

/** Splits a front matter topic like "Docker › Networking" into a path. */
export function topicPath(topic: string | undefined): string[] {
  if (!topic) return [];
  return topic
    .split(/\s*(?:›|>|\/)\s*/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
