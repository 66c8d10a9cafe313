import type { Challenge, CheckExpect } from '../challenges/schema.js';
import type { CheckResult, CheckType } from './check-type.js';
import { ContainerCheck } from './container-check.js';
import { ExecCheck } from './exec-check.js';
import { HttpCheck } from './http-check.js';
import { ImageCheck } from './image-check.js';
import { NetworkCheck } from './network-check.js';
import type { Snapshot } from './snapshot.js';
import { VolumeCheck } from './volume-check.js';

/** One instance per check type; they hold no state, so one set serves every attempt. */
export const CHECK_TYPES = {
  container: new ContainerCheck(),
  image: new ImageCheck(),
  volume: new VolumeCheck(),
  network: new NetworkCheck(),
  exec: new ExecCheck(),
  http: new HttpCheck(),
} as const;

/** Calls `use` with the check type an expectation names and its typed expectation. */
export function withCheckType<R>(expect: CheckExpect, use: <E>(type: CheckType<E>, value: E) => R): R {
  if ('container' in expect) return use(CHECK_TYPES.container, expect.container);
  if ('image' in expect) return use(CHECK_TYPES.image, expect.image);
  if ('volume' in expect) return use(CHECK_TYPES.volume, expect.volume);
  if ('network' in expect) return use(CHECK_TYPES.network, expect.network);
  if ('exec' in expect) return use(CHECK_TYPES.exec, expect.exec);
  return use(CHECK_TYPES.http, expect.http);
}

/**
 * Grades every check of a challenge against one snapshot. Pure: the same snapshot always gives
 * the same results, which is what lets the grader be tested on recorded inspect JSON.
 */
export function evaluateChecks(challenge: Challenge, snapshot: Snapshot): CheckResult[] {
  return challenge.checks.map((check) => {
    const verdict = withCheckType(check.expect, (type, value) => type.evaluate(value, snapshot, check.id));
    const result: CheckResult = { id: check.id, describe: check.describe, ...verdict };
    if (!verdict.passed && check.hint !== undefined) result.hint = check.hint;
    return result;
  });
}
