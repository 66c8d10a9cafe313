import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAccount } from '../support/e2e-steps.js';
import { browserAvailable, launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

const CARDS = [
  { prompt: 'Which flag runs a container in the background?', answer: '-d (--detach)' },
  { prompt: 'Which command lists running containers?', answer: 'docker ps' },
  { prompt: 'Which flag publishes all exposed ports?', answer: '-P (--publish-all)' },
  { prompt: 'What does chroot change?', answer: 'the root directory a process sees' },
  { prompt: 'Which kubectl command shows a pod in detail?', answer: 'kubectl describe pod <name>' },
  { prompt: 'What does a Deployment manage?', answer: 'ReplicaSets, and through them Pods' },
];

async function leftCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('left').textContent()) ?? '';
  const match = /(\d+) left/.exec(text);
  if (!match?.[1]) throw new Error(`no "N left" in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

async function prompt(page: Page): Promise<string> {
  return ((await page.getByTestId('prompt').textContent()) ?? '').trim();
}

/**
 * Presses a key that grades or undoes and waits for the API's reply to be on screen: the page
 * answers through /api/review/* and swaps the next card in (tests/e2e/review-in-page.e2e.test.ts
 * checks that no page loads), so there is no `load` event to wait for.
 */
async function pressAndWaitForReply(page: Page, key: string): Promise<void> {
  const replied = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/api/review/'));
  await page.keyboard.press(key);
  await replied;
  await expect.poll(() => page.locator('#grades').getAttribute('aria-busy')).toBeNull();
}

/** Reveals with space, then grades with a digit, all from the keyboard. */
async function reviewWithKeyboard(page: Page, gradeKey: string): Promise<void> {
  await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(false);
  await page.keyboard.press('Space');
  await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(true);
  await expect.poll(() => page.locator('#grades').isVisible()).toBe(true);
  await pressAndWaitForReply(page, gradeKey);
}

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('reviewing in the browser', () => {
  let workspace: Workspace;
  let server: ServerProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    workspace = createWorkspace(CARDS);
    server = await startServer({ workspace });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.remove();
  });

  it('creates the first account, reviews three cards with the keyboard, undoes one and shows the stats', async () => {
    const { page } = browser;

    // A new server sends every visitor to the set-up form.
    await page.goto(`${server.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await createFirstAccount(page, server.baseUrl, 'ada', 'correct horse battery');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`${CARDS.length} to review today`);
    await saveScreenshot(page, 'home');

    await page.goto(`${server.baseUrl}/review`);
    expect(await leftCount(page)).toBe(CARDS.length);
    expect(await prompt(page)).toBe(CARDS[0]?.prompt);
    await saveScreenshot(page, 'review-prompt');

    // Again: the first card stays in today's session as a drill, so the count does not move.
    await reviewWithKeyboard(page, '1');
    expect(await leftCount(page)).toBe(CARDS.length);
    expect(await prompt(page)).toBe(CARDS[1]?.prompt);

    // Easy, then Good: both cards are done for today.
    await reviewWithKeyboard(page, '4');
    expect(await leftCount(page)).toBe(CARDS.length - 1);
    const undonePrompt = await prompt(page);
    expect(undonePrompt).toBe(CARDS[2]?.prompt);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(true);
    await saveScreenshot(page, 'review-revealed');
    await pressAndWaitForReply(page, '3');
    expect(await leftCount(page)).toBe(CARDS.length - 2);
    expect(await prompt(page)).toBe(CARDS[3]?.prompt);

    // u undoes the Good answer: the count goes back up and the same card shows, answer revealed.
    await pressAndWaitForReply(page, 'u');
    expect(await leftCount(page)).toBe(CARDS.length - 1);
    expect(await prompt(page)).toBe(undonePrompt);
    expect(await page.getByTestId('answer').isVisible()).toBe(true);
    await saveScreenshot(page, 'review-after-undo');

    // The same page in dark mode, for a look at the other colour scheme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'review-after-undo-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Stats: follow the navigation link, then the heatmap of the past year is drawn as SVG.
    const statsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' });
    expect(await statsLink.getAttribute('href')).toBe('/stats');
    const [response] = await Promise.all([page.waitForResponse(`${server.baseUrl}/stats`), statsLink.click()]);
    await page.waitForLoadState('load');
    expect(response.status()).toBe(200);
    const heatmap = page.getByTestId('heatmap').locator('svg');
    await heatmap.waitFor({ state: 'visible' });
    // Today's cell counts the two answers that stand; the undone one is not shown.
    const todayCell = heatmap.locator('rect[data-day]').last();
    expect(await todayCell.locator('title').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}: 2 answers$/);
    await saveScreenshot(page, 'stats');
  });
});
