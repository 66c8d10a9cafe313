import { fileURLToPath } from 'node:url';
import { loadChallenges } from '../src/challenges/load.js';
import { collectSnapshot } from '../src/grader/collect.js';
import { evaluateChecks } from '../src/grader/evaluate.js';
import { HostSandboxDriver, hostDocker } from '../src/sandbox/host-driver.js';

/**
 * Sandbox speed against its floor, measured in the same run on the same engine:
 * - start: a challenge attempt from nothing to ready (baseline recorded, setup container running);
 * - check: one full grading pass (list, inspect, probes, evaluation);
 * - end: teardown of everything the attempt made;
 * - floor: a bare dockerode create + start (+ remove) of the same image.
 * Usage: npm run bench:sandbox [-- RUNS] [CHALLENGE_ID]   (default 15 runs of pause-container)
 */
const runs = Number(process.argv[2] ?? 15);
const challengeId = process.argv[3] ?? 'pause-container';

const challenges = loadChallenges(fileURLToPath(new URL('../content/challenges', import.meta.url)));
const challenge = challenges.find((c) => c.id === challengeId);
const setupImage = challenge?.setup?.containers[0]?.image;
if (!challenge || !setupImage) throw new Error(`${challengeId}: needs a challenge with a setup container`);

const { docker, endpoint } = hostDocker();
const driver = new HostSandboxDriver({ docker, endpoint, protectTags: challenges.flatMap((c) => c.images) });
const status = await driver.status();
if (!status.reachable) throw new Error(status.message);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const time = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

const samples = { start: [] as number[], check: [] as number[], end: [] as number[], floorUp: [] as number[], floorRemove: [] as number[] };

for (let i = -1; i < runs; i++) {
  // Run -1 warms caches (image metadata, connection pool) and is not counted.
  let container: Awaited<ReturnType<typeof docker.createContainer>> | undefined;
  const floorUp = await time(async () => {
    container = await docker.createContainer({ Image: setupImage });
    await container.start();
  });
  const floorRemove = await time(() => container!.remove({ force: true }));

  let sandbox: Awaited<ReturnType<typeof driver.startAttempt>>['sandbox'] | undefined;
  const start = await time(async () => {
    sandbox = (await driver.startAttempt(`bench-${Date.now()}-${i}`, challenge)).sandbox;
  });
  const check = await time(async () => evaluateChecks(challenge, await collectSnapshot(driver, challenge, sandbox!)));
  const end = await time(() => driver.endAttempt(sandbox!));
  if (i < 0) continue;
  samples.start.push(start);
  samples.check.push(check);
  samples.end.push(end);
  samples.floorUp.push(floorUp);
  samples.floorRemove.push(floorRemove);
}

const m = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)])) as Record<keyof typeof samples, number>;
const ms = (value: number): string => `${value.toFixed(1)} ms`;
console.log(`${runs} runs of ${challengeId} on ${endpoint} (Docker ${status.version}), medians:`);
console.log(`  floor create+start        ${ms(m.floorUp)}`);
console.log(`  floor remove              ${ms(m.floorRemove)}`);
console.log(`  challenge start → ready   ${ms(m.start)}`);
console.log(`  full check (p50)          ${ms(m.check)}   (aim ≤ 50 ms)`);
console.log(`  end (teardown)            ${ms(m.end)}`);
console.log(`  start ÷ floor(create+start)                 ${(m.start / m.floorUp).toFixed(2)}   (aim ≤ 1.3)`);
console.log(`  (start+end) ÷ floor(create+start+remove)    ${((m.start + m.end) / (m.floorUp + m.floorRemove)).toFixed(2)}`);
