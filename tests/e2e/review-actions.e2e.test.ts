import { chromium, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAccount } from '../support/e2e-steps.js';
import { browserAvailable, CHROMIUM_PATH, launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

const CARDS = [
  { prompt: 'Which flag runs a container in the background?', answer: '-d (--detach)' },
  { prompt: 'Which command lists running containers?', answer: 'docker ps' },
  { prompt: 'Which flag publishes all exposed ports?', answer: '-P (--publish-all)' },
  { prompt: 'What does chroot change?', answer: 'the root directory a process sees' },
];

const prompt = async (page: Page) => ((await page.getByTestId('prompt').textContent()) ?? '').trim();

async function leftCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('left').textContent()) ?? '';
  const match = /(\d+) left/.exec(text);
  if (!match?.[1]) throw new Error(`no "N left" in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** Presses `key` and waits for the card action's reply and for the page to be ready again. */
async function actAndWait(page: Page, key: string, action: string): Promise<void> {
  const reply = page.waitForResponse((response) => response.url().endsWith(`/${action}`) && response.url().includes('/api/review/cards/'));
  await page.keyboard.press(key);
  expect((await reply).status()).toBe(200);
  await expect.poll(() => page.locator('#grades').getAttribute('aria-busy')).toBeNull();
}

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('card actions on the review screen', () => {
  let workspace: Workspace;
  let server: ServerProcess;
  let browser: TestBrowser;
  const url = (path: string) => `${server.baseUrl}${path}`;

  beforeAll(async () => {
    workspace = createWorkspace(CARDS);
    server = await startServer({ workspace });
    browser = await launchBrowser();
    await createFirstAccount(browser.page, server.baseUrl, 'ada', 'correct horse battery');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.remove();
  });

  it('lists the shortcuts on ?, closes them with Escape, buries with - and flags with f in the page, and u undoes the bury', async () => {
    const { page } = browser;
    await page.goto(url('/review'));
    const documents: string[] = [];
    const onRequest = (request: Request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    };
    page.on('request', onRequest);

    // ? opens the overlay: a modal dialog that lists every key, with focus inside it.
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(await dialog.isVisible()).toBe(false);
    await page.keyboard.press('?');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    for (const line of ['Show the answer', 'Grade: Again, Hard, Good, Easy', 'Bury the card until tomorrow', 'Suspend the card', 'Flag or unflag', 'Card info', 'Edit the card']) {
      expect(text).toContain(line);
    }
    expect(await page.evaluate(() => document.getElementById('shortcuts')?.contains(document.activeElement))).toBe(true);
    // Tab stays in the dialog, and the page's keys are off while it is open.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.getElementById('shortcuts')?.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('-');
    await saveScreenshot(page, 'review-shortcuts-overlay');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await prompt(page)).toBe(CARDS[0]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length);

    // The button opens it too, and focus comes back to the button on Escape.
    await page.getByRole('button', { name: /Shortcuts/ }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('shortcuts-open');

    // - buries the card: the next one shows in the page, and the count goes down.
    await page.getByTestId('prompt').focus();
    await actAndWait(page, '-', 'bury');
    expect(await prompt(page)).toBe(CARDS[1]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length - 1);
    expect(await page.getByTestId('review-message').textContent()).toBe('Buried until tomorrow. Press u to undo.');
    expect(new URL(page.url()).search).toMatch(/^\?card=/);

    // f flags the card on screen and keeps it there.
    await actAndWait(page, 'f', 'flag');
    expect(await prompt(page)).toBe(CARDS[1]?.prompt);
    expect(await page.locator('#flag-button').getAttribute('aria-pressed')).toBe('true');

    // u undoes the bury: the buried card is back in today's session.
    await actAndWait(page, 'u', 'unbury');
    await expect.poll(() => prompt(page)).toBe(CARDS[0]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length);
    expect(await page.locator('#flag-button').getAttribute('aria-pressed')).toBe('false');

    // @ suspends it: gone, next card shown.
    await actAndWait(page, '@', 'suspend');
    expect(await prompt(page)).toBe(CARDS[1]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length - 1);
    // The card held ready knew its flag.
    expect(await page.locator('#flag-button').getAttribute('aria-pressed')).toBe('true');
    await saveScreenshot(page, 'review-after-card-actions');

    expect(documents).toEqual([]);
    page.off('request', onRequest);

    // i opens the card's info with every answer.
    await page.keyboard.press('i');
    await page.waitForURL(/\/browse\/cards\/[^?]+\?from=review$/);
    expect(await page.getByTestId('prompt').textContent()).toBe(CARDS[1]?.prompt);
    await page.getByRole('link', { name: 'Back to review' }).click();
    await page.waitForURL(/\/review\?card=/);
    expect(await prompt(page)).toBe(CARDS[1]?.prompt);
  });

  it('buries with a plain form without JavaScript, back to /review with the next card', async () => {
    const plain = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await plain.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(url('/login'));
      await page.getByLabel('Username').fill('ada');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(url('/'));
      await page.goto(url('/review'));
      const first = await prompt(page);
      const left = await leftCount(page);
      expect(await page.getByRole('button', { name: /Shortcuts/ }).count()).toBe(0);
      await page.getByRole('button', { name: /^Bury/ }).click();
      await page.waitForURL(url('/review'));
      expect(await prompt(page)).not.toBe(first);
      expect(await leftCount(page)).toBe(left - 1);
    } finally {
      await plain.close();
    }
  });
});
