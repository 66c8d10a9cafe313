import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImages } from '../../src/images/build.js';
import { ensureImages } from '../../src/images/ensure.js';
import { IMAGE_RECIPES, RECIPE_HASH_LABEL, type ImageRecipe } from '../../src/images/recipes.js';
import { dockerAvailable } from '../support/docker.js';

const hasDocker = await dockerAvailable();
const root = fileURLToPath(new URL('../..', import.meta.url));
const TEST_LABEL = 'deckhand.test';

describe.skipIf(!hasDocker)('npm run images against the real engine', () => {
  const docker = new Docker();
  const scratchDirs: string[] = [];

  /** Creates and starts a container labelled for cleanup, publishing `port` on an ephemeral host port. */
  async function start(image: string, options: Partial<Docker.ContainerCreateOptions> = {}, port?: number): Promise<Docker.Container> {
    const container = await docker.createContainer({
      Image: image,
      Labels: { [TEST_LABEL]: 'images' },
      ...options,
      ...(port === undefined ? {} : { ExposedPorts: { [`${port}/tcp`]: {} } }),
      HostConfig: {
        ...options.HostConfig,
        ...(port === undefined ? {} : { PortBindings: { [`${port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } }),
      },
    });
    await container.start();
    return container;
  }

  async function hostPort(container: Docker.Container, port: number): Promise<string> {
    const info = await container.inspect();
    const binding = info.NetworkSettings.Ports[`${port}/tcp`]?.[0]?.HostPort;
    if (!binding) throw new Error(`port ${port} is not published`);
    return binding;
  }

  /** GETs a URL, retrying while the server in a fresh container is still starting. */
  async function fetchText(url: string): Promise<{ status: number; body: string }> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const response = await fetch(url);
        return { status: response.status, body: await response.text() };
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async function output(image: string, cmd: string[]): Promise<string> {
    const container = await start(image, { Cmd: cmd, Tty: true });
    await container.wait();
    return (await container.logs({ stdout: true, stderr: true })).toString();
  }

  beforeAll(async () => {
    // A no-op after `npm run images` (CI runs it first); on a fresh engine it builds everything.
    await buildImages({ docker, pull: false });
  }, 900_000);

  afterAll(async () => {
    const containers = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=images`] } });
    for (const info of containers) await docker.getContainer(info.Id).remove({ force: true, v: true });
    for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
  });

  it('serves "Welcome to nginx!" from nginx on port 80', async () => {
    const nginx = await start('nginx', {}, 80);
    const { status, body } = await fetchText(`http://127.0.0.1:${await hostPort(nginx, 80)}/`);
    expect(status).toBe(200);
    expect(body).toContain('Welcome to nginx!');
  });

  it('serves a folder bind-mounted onto /usr/share/nginx/html, and logs the request to stdout', async () => {
    const site = await mkdtemp(path.join(tmpdir(), 'deckhand-site-'));
    scratchDirs.push(site);
    // mkdtemp makes the folder 0700; the nginx workers run as the nginx user, as in the original.
    await chmod(site, 0o755);
    await writeFile(path.join(site, 'index.html'), '<h1>my own page</h1>\n');
    const nginx = await start('nginx:latest', { HostConfig: { Binds: [`${site}:/usr/share/nginx/html:ro`] } }, 80);
    const { status, body } = await fetchText(`http://127.0.0.1:${await hostPort(nginx, 80)}/`);
    expect(status).toBe(200);
    expect(body).toBe('<h1>my own page</h1>\n');
    // nginx writes its access log line after the response has gone out, and the engine's log
    // driver takes a moment more: read until it is there rather than race it.
    await expect
      .poll(async () => (await nginx.logs({ stdout: true, stderr: true })).toString(), { timeout: 10_000, interval: 200 })
      .toContain('"GET / HTTP/1.1" 200');
  });

  it('stops nginx cleanly and quickly', async () => {
    const nginx = await start('nginx:alpine', {}, 80);
    const started = performance.now();
    await nginx.stop({ t: 10 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((await nginx.inspect()).State.ExitCode).toBe(0);
  });

  it('stops the pause container in under 3 s', async () => {
    const pause = await start('registry.k8s.io/pause:3.9');
    const started = performance.now();
    await pause.stop({ t: 10 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((await pause.inspect()).State.ExitCode).toBe(0);
  });

  it('has bash in ubuntu, as its default command', async () => {
    expect((await docker.getImage('ubuntu').inspect()).Config.Cmd).toEqual(['bash']);
    expect(await output('ubuntu', ['bash', '-c', 'echo "bash $BASH_VERSION"'])).toMatch(/^bash 5\./);
  });

  it('gives busybox and alpine a shell as their default command', async () => {
    expect((await docker.getImage('busybox').inspect()).Config.Cmd).toEqual(['sh']);
    expect((await docker.getImage('alpine').inspect()).Config.Cmd).toEqual(['/bin/sh']);
    expect(await output('alpine', ['/bin/sh', '-c', 'wget --help 2>&1 | head -n 1'])).toContain('BusyBox');
  });

  it('reports what is missing among given names', async () => {
    expect(await ensureImages(['nginx', 'debian:bookworm', 'deckhand-test/never-built:1'], docker)).toEqual([
      'deckhand-test/never-built:1',
    ]);
  });

  it('skips an unchanged recipe, rebuilds a changed one and drops the image it replaced', async () => {
    const contextRoot = await mkdtemp(path.join(tmpdir(), 'deckhand-recipes-'));
    scratchDirs.push(contextRoot);
    const name = `deckhand-test/images-idempotence:${process.pid}`;
    const recipe: ImageRecipe = {
      name,
      tags: [`deckhand-test/images-idempotence:${process.pid}-extra`],
      group: 'challenges',
      dependsOn: [],
      context: 'throwaway',
      pullable: false,
      build: { kind: 'dockerfile' },
    };
    const dockerfile = path.join(contextRoot, 'throwaway', 'Dockerfile');
    await mkdir(path.dirname(dockerfile));
    await writeFile(dockerfile, 'FROM busybox:latest\nCMD ["echo", "one"]\n');
    const build = () => buildImages({ docker, recipes: [recipe], contextRoot, pull: false });
    try {
      expect((await build()).map((result) => result.outcome)).toEqual(['built']);
      const first = await docker.getImage(name).inspect();
      expect(first.Config.Labels?.[RECIPE_HASH_LABEL]).toMatch(/^[0-9a-f]{64}$/);
      expect((await build()).map((result) => result.outcome)).toEqual(['up to date']);

      await writeFile(dockerfile, 'FROM busybox:latest\nCMD ["echo", "two"]\n');
      expect((await build()).map((result) => result.outcome)).toEqual(['built']);
      const second = await docker.getImage(`${name}-extra`).inspect();
      expect(second.Config.Cmd).toEqual(['echo', 'two']);
      expect(await ensureImages([first.Id], docker)).toEqual([first.Id]);
    } finally {
      for (const reference of [name, `${name}-extra`]) await docker.getImage(reference).remove({ force: true }).catch(() => {});
    }
  });

  it('reports every image up to date on a second npm run images', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'images'], { cwd: root });
    // `kept` is how a second run reports an image a registry handed over (it carries no recipe label).
    for (const recipe of IMAGE_RECIPES) expect(stdout).toMatch(new RegExp(`${escape(recipe.name)}: (up to date|kept) `));
    expect(stdout).toMatch(new RegExp(`images: ${IMAGE_RECIPES.length} ready in [0-9.]+ s`));
    expect(stdout).not.toMatch(/→ (built|pulled)/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
