import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { compileNotes } from '../src/compiler/compile.js';
import { readNoteFolder } from '../src/compiler/read-dir.js';
import { isDraft, type CompiledCard } from '../src/compiler/types.js';
import { joinTopic, shownTopic } from '../src/content/card.js';

/**
 * `npm run eval:cards -- DIR [--cards]`: compiles every note under DIR and prints, per file, the
 * cards by kind, the drafts and the warnings; for files with a label file in
 * tests/fixtures/labels/ (see its README), precision (emitted cards that match a labelled fact)
 * and recall (facts an emitted card, or a card or draft, covers). `--cards` lists every card
 * with its verdict, for judging by eye; `--misses` lists the facts nothing covered.
 */

const LABEL_DIR = fileURLToPath(new URL('../tests/fixtures/labels/', import.meta.url));
const LINE_SLACK = 2;

const Keys = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const LabelFile = z.object({
  file: z.string(),
  facts: z.array(
    z.object({
      lines: z.union([z.number().int(), z.tuple([z.number().int(), z.number().int()])]),
      fact: z.string(),
      answer: Keys.transform((keys) => keys.map(String)),
      ask: Keys.optional(),
    }),
  ),
});
type Fact = z.infer<typeof LabelFile>['facts'][number];

function loadLabels(): Map<string, Fact[]> {
  const labels = new Map<string, Fact[]>();
  if (!existsSync(LABEL_DIR)) return labels;
  for (const name of readdirSync(LABEL_DIR).filter((n) => n.endsWith('.labels.yaml'))) {
    const parsed = LabelFile.safeParse(parse(readFileSync(join(LABEL_DIR, name), 'utf8')));
    if (!parsed.success) {
      console.error(`${name}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    labels.set(parsed.data.file, parsed.data.facts);
  }
  return labels;
}

const norm = (text: string): string => text.toLowerCase().replace(/[`*_"“”‘’']/g, '').replace(/\s+/g, ' ').trim();

function matches(card: CompiledCard, fact: Fact): boolean {
  const [first, last] = typeof fact.lines === 'number' ? [fact.lines, fact.lines] : fact.lines;
  const line = card.source.line;
  if (line < first - LINE_SLACK || line > last + LINE_SLACK) return false;
  const answer = norm([card.answer, ...(card.alternatives ?? [])].join(' | '));
  const prompt = norm(card.prompt);
  const inAnswer = (keys: string[]): boolean => keys.some((key) => answer.includes(norm(key)));
  const inPrompt = (keys: string[]): boolean => keys.some((key) => prompt.includes(norm(key)));
  if (inAnswer(fact.answer) && (!fact.ask || inPrompt(fact.ask))) return true;
  // The same fact asked the other way round ("What is -it?" → "run interactively").
  return fact.ask !== undefined && inPrompt(fact.answer) && inAnswer(fact.ask);
}

const pct = (n: number, d: number): string => (d === 0 ? '   –' : `${Math.round((100 * n) / d)}%`.padStart(4));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'content');
  const showCards = args.includes('--cards');
  const showMisses = args.includes('--misses');
  const { files, refused } = await readNoteFolder(dir);
  const started = performance.now();
  const result = compileNotes(files);
  for (const file of refused) console.log(`refused ${file.file}:${file.line}: ${file.message}`);
  const elapsed = performance.now() - started;
  const labels = loadLabels();
  const totals = { emitted: 0, good: 0, facts: 0, coveredEmitted: 0, covered: 0, drafts: 0 };

  console.log('file                                     cards (basic/cloze/command/choice) drafts warn  precision  recall(emitted)  recall(+drafts)');
  for (const file of files) {
    const cards = result.cards.filter((c) => c.source.file === file.path);
    const emitted = cards.filter((c) => !isDraft(c));
    const drafts = cards.filter(isDraft);
    const kinds = (['basic', 'cloze', 'command', 'choice'] as const).map((k) => emitted.filter((c) => c.kind === k).length).join('/');
    const warnings = [...result.warnings, ...result.errors].filter((w) => w.file === file.path);
    const facts = labels.get(file.path);
    let columns = '';
    if (facts) {
      const good = emitted.filter((card) => facts.some((fact) => matches(card, fact))).length;
      const coveredEmitted = facts.filter((fact) => emitted.some((card) => matches(card, fact))).length;
      const covered = facts.filter((fact) => cards.some((card) => matches(card, fact))).length;
      columns = `${pct(good, emitted.length)} ${String(good).padStart(3)}/${String(emitted.length).padEnd(3)}  ${pct(coveredEmitted, facts.length)}            ${pct(covered, facts.length)} of ${facts.length}`;
      Object.assign(totals, {
        emitted: totals.emitted + emitted.length,
        good: totals.good + good,
        facts: totals.facts + facts.length,
        coveredEmitted: totals.coveredEmitted + coveredEmitted,
        covered: totals.covered + covered,
        drafts: totals.drafts + drafts.length,
      });
    }
    console.log(`${file.path.padEnd(40).slice(0, 40)} ${String(emitted.length).padStart(4)} (${kinds})`.padEnd(76) + `${String(drafts.length).padStart(5)} ${String(warnings.length).padStart(4)}  ${columns}`);
    if (showCards) {
      for (const card of cards) {
        const verdict = facts ? (facts.some((fact) => matches(card, fact)) ? '+' : '-') : ' ';
        const tag = isDraft(card) ? 'draft' : card.kind;
        // The topic path is shown above the prompt in review, so it is part of what the learner sees.
        const path = shownTopic({ kind: card.kind, topic: joinTopic(card.topic), answer: card.answer });
        const topic = path ? `[${path}] ` : '';
        console.log(`  ${verdict} ${String(card.source.line).padStart(4)} ${tag.padEnd(7)} ${card.confidence.toFixed(2)} ${topic}${card.prompt}  →  ${card.answer.replace(/\n/g, ' ⏎ ')}`);
      }
      for (const warning of warnings) console.log(`  ! ${warning.line}: ${warning.message}`);
    }
    if (showMisses && facts) {
      for (const fact of facts.filter((f) => !cards.some((card) => matches(card, f)))) {
        console.log(`  ? ${JSON.stringify(fact.lines)} ${fact.fact}`);
      }
    }
  }
  if (totals.facts > 0) {
    console.log(
      `\nlabelled files: precision ${pct(totals.good, totals.emitted)} (${totals.good}/${totals.emitted}), ` +
        `recall emitted ${pct(totals.coveredEmitted, totals.facts)}, with drafts ${pct(totals.covered, totals.facts)} ` +
        `(${totals.facts} facts, ${totals.drafts} drafts)`,
    );
  }
  console.log(`compiled ${files.length} files in ${elapsed.toFixed(1)} ms`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
