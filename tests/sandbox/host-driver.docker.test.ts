import { createServer, type Server } from 'node:net';
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { ChallengeSchema } from '../../src/challenges/schema.js';
import { EngineUnavailableError, SandboxError } from '../../src/sandbox/errors.js';
import { HostSandboxDriver, hostDocker } from '../../src/sandbox/host-driver.js';
import { ATTEMPT_LABEL } from '../../src/sandbox/ownership.js';
import { dockerAvailable } from '../support/docker.js';

const hasDocker = await dockerAvailable();

const challenge = ChallengeSchema.parse({
  id: 'driver-test',
  title: 'Driver test',
  topic: 'Tests',
  images: ['busybox'],
  task: 'Nothing.',
  ports: [39871],
  setup: {
    volumes: [{ name: 'deckhand-test-vol' }],
    networks: [{ name: 'deckhand-test-net' }],
    containers: [{ name: 'deckhand-test-setup', image: 'busybox', command: ['sleep', '600'], network: 'deckhand-test-net', volumes: ['deckhand-test-vol:/data'] }],
  },
  checks: [{ id: 'x', describe: 'x', expect: { container: { name: 'deckhand-test-setup' } } }],
  solution: ['true'],
});

describe('host driver without an engine', () => {
  const docker = new Docker({ socketPath: '/tmp/deckhand-no-such.sock' });
  const driver = new HostSandboxDriver({ docker, endpoint: 'unix:///tmp/deckhand-no-such.sock' });

  it('reports the engine as unreachable in plain words', async () => {
    expect(await driver.status()).toEqual({
      reachable: false,
      endpoint: 'unix:///tmp/deckhand-no-such.sock',
      message: 'No Docker engine answered at unix:///tmp/deckhand-no-such.sock — start Docker to do challenges; reviews keep working',
    });
  });

  it('refuses to start an attempt with a typed error', async () => {
    await expect(driver.startAttempt('k', challenge)).rejects.toBeInstanceOf(EngineUnavailableError);
  });
});

describe.skipIf(!hasDocker)('host driver', () => {
  const { docker, endpoint } = hostDocker();
  const driver = new HostSandboxDriver({ docker, endpoint, protectTags: ['busybox'] });
  let blocker: Server | undefined;

  afterAll(() => {
    blocker?.close();
  });

  it('creates the setup labelled with the attempt, warns about a taken port, and removes it all', async () => {
    blocker = createServer().listen(39871, '0.0.0.0');
    await new Promise((resolve) => blocker?.once('listening', resolve));
    const key = `driver-test-${Date.now()}`;
    const { sandbox, warnings } = await driver.startAttempt(key, challenge);
    expect(warnings).toEqual([
      "Port 39871 is already taken — free it first, or this challenge's checks on port 39871 will fail",
    ]);
    const container = await docker.getContainer('deckhand-test-setup').inspect();
    expect(container.State.Running).toBe(true);
    expect(container.Config.Labels[ATTEMPT_LABEL]).toBe(key);
    expect((await docker.getVolume('deckhand-test-vol').inspect()).Labels?.[ATTEMPT_LABEL]).toBe(key);

    const report = await driver.endAttempt(sandbox);
    expect(report.problems).toEqual([]);
    expect(report.removed.containers).toContain('deckhand-test-setup');
    expect(report.removed.volumes).toContain('deckhand-test-vol');
    expect(report.removed.networks).toContain('deckhand-test-net');
    const labelled = await docker.listContainers({ all: true, filters: { label: [`${ATTEMPT_LABEL}=${key}`] } });
    expect(labelled).toEqual([]);
  });

  it('says which image is missing', async () => {
    const needsMissing = { ...challenge, images: ['deckhand-test/not-here:0'], setup: undefined };
    await expect(driver.startAttempt('k', needsMissing)).rejects.toThrow(
      'This challenge needs the image deckhand-test/not-here:0, which is not on this machine — run `npm run images` first',
    );
  });

  it('fails plainly when a setup name is taken, and leaves nothing half-made', async () => {
    const squatter = await docker.createContainer({ name: 'deckhand-test-setup', Image: 'busybox', Cmd: ['true'] });
    try {
      const error = await driver.startAttempt(`driver-test-${Date.now()}`, challenge).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).message).toBe(
        'A container named deckhand-test-setup already exists — remove it (docker rm -f deckhand-test-setup) or end the attempt that made it',
      );
      const volumes = (await docker.listVolumes()).Volumes ?? [];
      expect(volumes.map((v) => v.Name)).not.toContain('deckhand-test-vol');
      // The learner's own container with that name is untouched.
      expect((await squatter.inspect()).Id).toBe(squatter.id);
    } finally {
      await squatter.remove({ force: true });
    }
  });
});
