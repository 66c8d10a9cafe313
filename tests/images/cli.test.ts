import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { connectEngine, engineAddress } from '../../src/images/engine.js';
import { missingImagesMessage } from '../../src/images/ensure.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const noEngine = 'unix:///tmp/deckhand-images-test-no-engine.sock';

/** Runs the images CLI and resolves with its exit code and output, failing or not. */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['src/images/cli.ts', ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run images without an engine', () => {
  it('exits 2 and says where it looked and what to do', async () => {
    const result = await runCli([], { ...process.env, DOCKER_HOST: noEngine });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no Docker engine answered at ${noEngine}; start dockerd`);
  });

  it('exits 1 with the usage on an unknown option', async () => {
    const result = await runCli(['--fast'], { ...process.env, DOCKER_HOST: noEngine });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: npm run images');
  });

  it('rejects connectEngine with the same message', async () => {
    const docker = new Docker({ socketPath: '/tmp/deckhand-images-test-no-engine.sock' });
    await expect(connectEngine(docker, noEngine)).rejects.toThrow(
      `no Docker engine answered at ${noEngine}; start dockerd`,
    );
  });
});

describe('engineAddress', () => {
  it('is DOCKER_HOST when set, else the default socket', () => {
    expect(engineAddress({ DOCKER_HOST: 'tcp://10.0.0.5:2375' })).toBe('tcp://10.0.0.5:2375');
    expect(engineAddress({})).toBe('unix:///var/run/docker.sock');
  });
});

describe('missingImagesMessage', () => {
  it('names what is missing and how to get it', () => {
    expect(missingImagesMessage(['nginx'])).toBe('image nginx is missing; run npm run images');
    expect(missingImagesMessage(['nginx', 'busybox'])).toBe('images nginx, busybox are missing; run npm run images');
    expect(missingImagesMessage([])).toBeUndefined();
  });
});
