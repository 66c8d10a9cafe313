/**
 * `npm run images [-- --only challenges|classroom|<image>] [--no-pull] [--force] [--verbose]`
 *
 * Makes every image the challenges (and the classroom) name available offline. Exit codes:
 * 0 all images present, 1 a pull/build failed or bad arguments, 2 no Docker engine answered.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildImages, type ImageEvent, type ImageResult } from './build.js';
import { EngineStreamError } from './docker-progress.js';
import { connectEngine, engineAddress } from './engine.js';

const USAGE = `usage: npm run images -- [--only GROUP|IMAGE[,…]] [--no-pull] [--force] [--verbose]
  --only      groups (challenges, classroom) or images (nginx, busybox:latest); default: all
  --no-pull   build locally without asking a registry first
  --force     rebuild even when an image's recipe hash is unchanged
  --verbose   print every line of build output`;

// Without --verbose only these lines are shown: what is being done, not every package unpacked.
const SUMMARY_LINE = /^(Step \d+\/\d+ :|debootstrap |packing |docker import|I: Base system installed|Status:|Digest:)/;
// The label steps are ours and identical for every image; they only add noise.
const OWN_LABEL_STEP = /^Step \d+\/\d+ : LABEL deckhand\./;
const MAX_LINE = 120;

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      only: { type: 'string', multiple: true },
      'no-pull': { type: 'boolean' },
      force: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let docker;
  try {
    docker = await connectEngine();
  } catch (error) {
    console.error(`npm run images: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  const only = (args.only ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  const started = performance.now();
  console.log(`images: engine ${engineAddress()}${only.length > 0 ? `, only ${only.join(', ')}` : ''}`);
  let current = '';
  try {
    const results = await buildImages({
      docker,
      only,
      pull: !args['no-pull'],
      force: args.force ?? false,
      onEvent: printer(args.verbose ?? false, (name) => (current = name)),
    });
    console.log(summary(results, (performance.now() - started) / 1000));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(current ? `npm run images: ${current} failed: ${message}` : `npm run images: ${message}`);
    if (error instanceof EngineStreamError && !args.verbose) {
      console.error(error.tail.map((line) => `    ${line}`).join('\n'));
    }
    return 1;
  }
}

/** Prints a one-line status per image, with the steps in between only for images being made. */
function printer(verbose: boolean, onStart: (name: string) => void): (event: ImageEvent) => void {
  let header = '';
  let headerShown = false;
  return (event) => {
    if (event.type === 'start') {
      header = `[${event.index + 1}/${event.total}] ${event.name}`;
      headerShown = false;
      onStart(event.name);
    } else if (event.type === 'line') {
      if (!verbose && (!SUMMARY_LINE.test(event.line) || OWN_LABEL_STEP.test(event.line))) return;
      if (!headerShown) console.log(header);
      headerShown = true;
      const line = !verbose && event.line.length > MAX_LINE ? `${event.line.slice(0, MAX_LINE - 1)}…` : event.line;
      console.log(`      ${line}`);
    } else {
      const status = describe(event.result);
      console.log(headerShown ? `      → ${status}` : `${header}: ${status}`);
    }
  };
}

function describe(result: ImageResult): string {
  const facts = [`${result.seconds.toFixed(1)} s`, megabytes(result.sizeBytes), result.detail].filter(Boolean);
  return `${result.outcome} (${facts.join(', ')})`;
}

function summary(results: readonly ImageResult[], seconds: number): string {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  const parts = [...counts].map(([outcome, count]) => `${count} ${outcome}`);
  return `images: ${results.length} ready in ${seconds.toFixed(1)} s (${parts.join(', ')})`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

process.exitCode = await main(process.argv.slice(2));
