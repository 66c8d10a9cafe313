import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { createChallengeService, type ChallengeService, type CheckOutcome } from '../../src/challenges/attempts.js';
import { loadChallenges } from '../../src/challenges/load.js';
import type { Challenge } from '../../src/challenges/schema.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { normalizeTag } from '../../src/grader/image-ref.js';
import type { SandboxRef } from '../../src/sandbox/driver.js';
import { HostSandboxDriver, hostDocker } from '../../src/sandbox/host-driver.js';
import { ATTEMPT_LABEL } from '../../src/sandbox/ownership.js';

export const challenges: Challenge[] = loadChallenges(fileURLToPath(new URL('../../content/challenges', import.meta.url)));

/** A challenge service over an in-memory database and the host engine, as the CLI builds it. */
export function hostService(): { service: ChallengeService; docker: Docker } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const { docker, endpoint } = hostDocker();
  const driver = new HostSandboxDriver({ docker, endpoint, protectTags: challenges.flatMap((c) => c.images) });
  return { service: createChallengeService({ db, driver, challenges }), docker };
}

/**
 * Runs shell commands the way a learner types them, in a scratch folder that nginx's worker can
 * read (a bind-mounted page under a 0700 folder would answer 403). Throws on the first failure.
 */
export function runCommands(commands: readonly string[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-solution-'));
  chmodSync(dir, 0o755);
  try {
    for (const command of commands) {
      execFileSync('sh', ['-c', command], { cwd: dir, stdio: 'pipe', timeout: 120_000 });
    }
  } finally {
    // The built-image challenge leaves files here; the engine holds no reference to them after.
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 5000).unref();
  }
}

/** Checks until `done` holds (a server in a fresh container needs a moment) or tries run out. */
export async function checkUntil(
  service: ChallengeService,
  id: string,
  done: (outcome: CheckOutcome) => boolean,
  tries = 15,
): Promise<CheckOutcome> {
  let outcome = await service.check(null, id);
  for (let i = 1; i < tries && !done(outcome); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    outcome = await service.check(null, id);
  }
  return outcome;
}

/** Names the checks of a challenge refer to, to prove they are gone after teardown. */
function namedResources(challenge: Challenge): { containers: string[]; volumes: string[]; networks: string[]; tags: string[] } {
  const named = { containers: [] as string[], volumes: [] as string[], networks: [] as string[], tags: [] as string[] };
  for (const container of challenge.setup?.containers ?? []) named.containers.push(container.name);
  for (const volume of challenge.setup?.volumes ?? []) named.volumes.push(volume.name);
  for (const network of challenge.setup?.networks ?? []) named.networks.push(network.name);
  for (const check of challenge.checks) {
    const expect = check.expect;
    if ('container' in expect && expect.container.name) named.containers.push(expect.container.name);
    if ('volume' in expect) named.volumes.push(expect.volume.name);
    if ('network' in expect) named.networks.push(expect.network.name);
    if ('image' in expect) named.tags.push(normalizeTag(expect.image.tag));
  }
  return named;
}

/**
 * What the attempt left behind: anything labelled with it, any resource a check names, and any
 * container made since the start from one of the challenge's images.
 */
export async function leftovers(docker: Docker, challenge: Challenge, sandbox: SandboxRef): Promise<string[]> {
  const named = namedResources(challenge);
  const [containers, volumes, networks, images] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listVolumes(),
    docker.listNetworks(),
    docker.listImages(),
  ]);
  const found: string[] = [];
  const wantedImages = new Set(challenge.images.map(normalizeTag));
  for (const c of containers) {
    const name = (c.Names[0] ?? '').replace(/^\//, '');
    const isNew = !sandbox.baseline.containers.includes(c.Id);
    if (c.Labels[ATTEMPT_LABEL] === sandbox.attemptKey || named.containers.includes(name) || (isNew && wantedImages.has(normalizeTag(c.Image)))) {
      found.push(`container ${name}`);
    }
  }
  for (const v of volumes.Volumes ?? []) {
    if (v.Labels?.[ATTEMPT_LABEL] === sandbox.attemptKey || named.volumes.includes(v.Name)) found.push(`volume ${v.Name}`);
  }
  for (const n of networks) {
    if (n.Labels?.[ATTEMPT_LABEL] === sandbox.attemptKey || named.networks.includes(n.Name)) found.push(`network ${n.Name}`);
  }
  for (const image of images) {
    for (const tag of image.RepoTags ?? []) if (named.tags.includes(normalizeTag(tag))) found.push(`image ${tag}`);
  }
  return found;
}
