import type { CheckResult } from '../grader/check-type.js';
import type { ChallengeListItem } from '../challenges/attempts.js';

/** Per-check results as terminal lines: a mark, then expected and found for each failure. */
export function formatResults(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? '✔' : '✘'} ${result.id} — ${result.describe}`);
    if (result.passed) continue;
    lines.push(`    expected: ${result.expected}`);
    lines.push(`    found:    ${result.observed}`);
    if (result.hint) lines.push(`    hint:     ${result.hint}`);
  }
  const passed = results.filter((result) => result.passed).length;
  lines.push(
    passed === results.length
      ? `All ${results.length} checks pass.`
      : `${passed} of ${results.length} checks pass.`,
  );
  return lines;
}

/** The challenge list: id, status of the latest attempt, title and topic. */
export function formatList(items: readonly ChallengeListItem[]): string[] {
  const width = Math.max(...items.map((item) => item.challenge.id.length), 2);
  return items.map(({ challenge, latest }) => {
    const status = !latest ? '' : latest.endedAt === null ? `${latest.status}, sandbox live` : latest.status;
    return `${challenge.id.padEnd(width)}  ${(status || '-').padEnd(22)}  ${challenge.title} (${challenge.topic})`;
  });
}
