import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { SANDBOX_LABEL } from '../../src/sandbox/isolated/container-spec.js';
import { createClass, createFirstAccount } from '../support/e2e-steps.js';
import { browserAvailable, launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { dockerAvailable } from '../support/docker.js';
import { REPO_ROOT, createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';
import { execIn } from '../sandbox/isolated/classroom-harness.js';

const hasDocker = await dockerAvailable();
const PASSWORD = 'correct horse battery';

/** The text xterm.js shows on screen (its DOM renderer's rows). */
const screenText = (page: Page) => page.locator('.xterm-rows').innerText();

/**
 * Removes the sandboxes this server created, found by their `deckhand.sandbox` label value: each
 * container with its anonymous /var/lib/docker volume, then its network. Other sandboxes on the
 * engine (another test run, a real class) are left alone.
 */
async function removeSandboxes(host: Docker, ids: Iterable<string>): Promise<void> {
  for (const id of ids) {
    const filters = { label: [`${SANDBOX_LABEL}=${id}`] };
    for (const summary of await host.listContainers({ all: true, filters })) {
      const container = host.getContainer(summary.Id);
      const volumes = (summary.Mounts ?? []).flatMap((mount) => (mount.Type === 'volume' && mount.Name ? [mount.Name] : []));
      await container.remove({ force: true, v: true }).catch(() => undefined);
      for (const name of volumes) await host.getVolume(name).remove().catch(() => undefined);
    }
    for (const network of await host.listNetworks({ filters })) await host.getNetwork(network.Id).remove().catch(() => undefined);
    const { Volumes } = await host.listVolumes({ filters });
    for (const volume of Volumes ?? []) await host.getVolume(volume.Name).remove().catch(() => undefined);
  }
}

// The whole classroom path as a student sees it: the real server in its own process in isolated
// mode on the real engine, the challenge page's Start button, its terminal and its Check button.
describe.skipIf(!hasDocker || !browserAvailable())('a student solves a challenge in the browser terminal', () => {
  const host = new Docker();
  const sandboxIds = new Set<string>();
  let workspace: Workspace;
  let server: ServerProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    workspace = createWorkspace([{ prompt: 'Which flag publishes a port?', answer: '-p' }]);
    mkdirSync(join(workspace.contentDir, 'challenges'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'content/challenges/publish-port.yaml'), join(workspace.contentDir, 'challenges', 'publish-port.yaml'));
    server = await startServer({
      workspace,
      env: {
        ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
        DECKHAND_SANDBOX_MODE: 'isolated',
        DECKHAND_SANDBOX_MEMORY_MB: '512',
        DECKHAND_SANDBOX_WARM_POOL: '0',
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) {
      // Every sandbox this server ever recorded, live or not, plus the one the page showed.
      try {
        const db = openDatabase(workspace.databaseFile);
        try {
          for (const row of db.all<{ id: string }>('SELECT id FROM sandboxes')) sandboxIds.add(row.id);
        } finally {
          db.close();
        }
      } catch {
        // The server never got as far as migrating: it created no sandbox either.
      }
    }
    await removeSandboxes(host, sandboxIds);
    workspace?.remove();
  });

  it('signs in as a student, types the solution in the page terminal, and every check passes', async () => {
    const { page, context } = browser;
    const url = (path: string) => `${server.baseUrl}${path}`;
    const failWith = (error: unknown) => {
      throw new Error(`${String(error)}\n--- server output ---\n${server.output()}`);
    };

    // The first account is the instructor; their class gives the join code.
    await createFirstAccount(page, url(''), 'ada', PASSWORD);
    const { code } = await createClass(page, 'Containers 101');

    // A student with only a browser: a fresh session joins the class with the code.
    await context.clearCookies();
    await page.goto(url('/join'));
    await page.getByLabel('Join code').fill(code);
    await page.getByLabel('Your name').fill('Sam Okafor');
    await page.getByLabel('Username').fill('sam');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Join and create my account' }).click();
    await page.waitForURL(url('/'));
    expect(await page.getByRole('link', { name: 'Instructor' }).count()).toBe(0);

    // The challenge page; Start gives the student their own engine with a terminal.
    await page.goto(url('/challenges/publish-port'));
    expect(await page.getByTestId('status').innerText()).toBe('not started');
    await page.locator('[data-action="start"]').click();
    await page.waitForURL(url('/challenges/publish-port/start'), { timeout: 90_000 }).catch(failWith);
    const terminal = page.locator('[data-terminal]');
    await terminal.waitFor({ timeout: 5_000 }).catch(failWith);
    const sandboxId = (await terminal.getAttribute('data-sandbox-id')) ?? '';
    expect(sandboxId).toMatch(/^[0-9a-f]{16}$/);
    sandboxIds.add(sandboxId);
    expect(await page.getByTestId('status').innerText()).toBe('in progress');
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => screenText(page), { timeout: 10_000 }).toContain('root@sandbox');

    // Type the solution into xterm.js with the keyboard, as a person would.
    await terminal.click();
    await page.keyboard.type('docker run -d -p 12345:80 nginx');
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(/\b[0-9a-f]{64}\b/);

    // Check, until nginx answers (it needs a moment after `docker run` returns).
    const results = page.getByTestId('results');
    for (let tries = 1; ; tries += 1) {
      await page.locator('[data-action="check"]').click();
      await page.waitForURL(url('/challenges/publish-port/check'));
      const heading = await results.locator('h2').innerText();
      if (heading.startsWith('All checks pass') || tries === 5) break;
      await page.waitForTimeout(1_000);
    }
    expect(await results.locator('h2').innerText()).toContain('All checks pass');
    expect(await results.locator('li.check').count()).toBe(3);
    expect(await results.locator('li.check.fail').count()).toBe(0);
    expect(await page.getByTestId('status').innerText()).toBe('passed');

    // The re-rendered page resumes the same shell: the earlier output is replayed.
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => screenText(page), { timeout: 10_000 }).toContain('docker run -d -p 12345:80 nginx');
    await saveScreenshot(page, 'classroom-challenge');

    // End: the attempt's containers leave the student's engine; the page says it ended.
    const [sandbox] = await host.listContainers({ filters: { label: [`${SANDBOX_LABEL}=${sandboxId}`] } });
    if (!sandbox) throw new Error(`no running container for sandbox ${sandboxId}`);
    const before = await execIn(host, sandbox.Id, 'docker ps -a --format "{{.Image}}"');
    expect(before.output).toContain('nginx');
    await page.locator('[data-action="end"]').click();
    await page.waitForURL(url('/challenges/publish-port'));
    expect(await page.getByTestId('status').innerText()).toBe('passed');
    expect(await page.locator('[data-action="start"]').count()).toBe(1);
    expect(await page.locator('[data-terminal]').count()).toBe(0);
    const after = await execIn(host, sandbox.Id, 'docker ps -aq');
    expect(after).toEqual({ exitCode: 0, output: '' });
  });
});
