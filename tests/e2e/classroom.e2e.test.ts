import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenge } from '../../src/challenges/load.js';
import { collectSnapshot } from '../../src/grader/collect.js';
import { evaluateChecks } from '../../src/grader/evaluate.js';
import { launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { dockerAvailable } from '../support/docker.js';
import { removeAllSandboxes, startClassroom, type Classroom } from '../sandbox/isolated/classroom-harness.js';

const hasDocker = await dockerAvailable();

// The lead's challenge page does not exist yet, so this drives the sandbox console page
// (GET /sandboxes/:id/console) and grades with the same grader the Check button will call.
describe.skipIf(!hasDocker)('a student solves a challenge in the browser terminal', () => {
  let room: Classroom;
  let browser: TestBrowser;

  beforeAll(async () => {
    room = await startClassroom();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await room?.close();
    await removeAllSandboxes();
  });

  it('signs in, types the solution in the terminal, and every check passes', async () => {
    const parsed = parseChallenge(readFileSync('content/challenges/publish-port.yaml', 'utf8'), 'publish-port.yaml');
    if (!('challenge' in parsed)) throw new Error(parsed.problems.join('\n'));
    const challenge = parsed.challenge;
    const { user } = await room.user('sam');
    const { page } = browser;

    await page.goto(`${room.baseUrl}/login`);
    await page.fill('input[name="username"]', 'sam');
    await page.fill('input[name="password"]', 'correct horse battery');
    await Promise.all([page.waitForURL(`${room.baseUrl}/`), page.press('input[name="password"]', 'Enter')]);

    // What the challenge page's Start button does: start the attempt in the learner's sandbox.
    const driver = room.sandboxes.forLearner(user.id);
    const { sandbox: ref } = await driver.startAttempt('e2e-attempt', challenge);
    const sandboxId = ref.details?.sandboxId ?? '';
    await page.goto(`${room.baseUrl}/sandboxes/${sandboxId}/console`);
    const terminal = page.locator('[data-terminal]');
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => page.locator('.xterm-rows').innerText(), { timeout: 10_000 }).toContain('root@sandbox');

    await terminal.click();
    await page.keyboard.type('docker run -d -p 12345:80 nginx');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.xterm-rows').innerText(), { timeout: 20_000 }).toMatch(/\b[0-9a-f]{64}\b/);
    await page.keyboard.type('docker ps --format "{{.Image}} {{.Ports}}"');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.xterm-rows').innerText(), { timeout: 10_000 }).toContain('12345->80/tcp');
    await saveScreenshot(page, 'classroom-terminal');

    // "Check": the grader against the student's own engine.
    const results = evaluateChecks(challenge, await collectSnapshot(driver, challenge, ref));
    expect(results.filter((r) => !r.passed)).toEqual([]);

    // The published port, through the authenticated proxy, in the student's own browser.
    await page.goto(`${room.baseUrl}/sandboxes/${sandboxId}/ports/12345/`);
    await expect.poll(() => page.locator('body').innerText()).toContain('Welcome to nginx');
    await saveScreenshot(page, 'classroom-published-port');

    // A reload resumes the same shell: the earlier output is replayed.
    await page.goto(`${room.baseUrl}/sandboxes/${sandboxId}/console`);
    await expect.poll(() => page.locator('.xterm-rows').innerText(), { timeout: 20_000 }).toContain('12345->80/tcp');
  });
});
