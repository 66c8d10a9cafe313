import type { ChallengeService } from '../challenges/attempts.js';
import { ChallengeError } from '../challenges/errors.js';
import { SandboxError } from '../sandbox/errors.js';
import { formatList, formatResults } from './print.js';

export const USAGE = `Usage: deckhand challenge <command> [id]

  list            every challenge, with the status of your latest attempt
  start <id>      prepare the challenge's sandbox on your Docker engine, show the task
  check <id>      grade what you did (exit code 0 only when every check passes)
  hint <id>       the next hint
  give-up <id>    show the reference solution
  end <id>        remove the sandbox and everything made during the attempt`;

/**
 * Runs `deckhand challenge ...` with the use-cases the web pages also call. Returns the process
 * exit code: 0 on success (for `check`, only when every check passes), 1 on a failure the
 * learner can act on, 2 on a usage error.
 */
export async function runChallengeCommand(
  args: readonly string[],
  service: ChallengeService,
  out: (line: string) => void,
): Promise<number> {
  const [command, id] = args;
  if (command === 'list' && id === undefined) {
    formatList(service.list(null)).forEach((line) => out(line));
    return 0;
  }
  if (!command || !id || args.length > 2) {
    out(USAGE);
    return 2;
  }
  try {
    switch (command) {
      case 'start': {
        const { warnings } = await service.start(null, id);
        const challenge = service.get(id);
        out(`# ${challenge.title}\n\n${challenge.task.trim()}\n`);
        warnings.forEach((warning) => out(`warning: ${warning}`));
        out(`When you are done: deckhand challenge check ${id}`);
        return 0;
      }
      case 'check': {
        const { results, allPassed } = await service.check(null, id);
        formatResults(results).forEach((line) => out(line));
        if (allPassed) out(`Well done. Remove the sandbox with: deckhand challenge end ${id}`);
        return allPassed ? 0 : 1;
      }
      case 'hint': {
        const { hint, number, total } = service.nextHint(null, id);
        out(hint === null ? `No more hints (there were ${total}).` : `Hint ${number} of ${total}: ${hint}`);
        return 0;
      }
      case 'give-up': {
        const { solution } = service.giveUp(null, id);
        out('A reference solution:');
        solution.forEach((line) => out(`  ${line}`));
        return 0;
      }
      case 'end': {
        const { report } = await service.end(null, id);
        const removed = Object.values(report.removed).flat();
        out(removed.length ? `Removed ${removed.join(', ')}.` : 'Nothing was left to remove.');
        report.problems.forEach((problem) => out(`warning: ${problem}`));
        return 0;
      }
      default:
        out(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof ChallengeError || error instanceof SandboxError) {
      out(error.message);
      return 1;
    }
    throw error;
  }
}
