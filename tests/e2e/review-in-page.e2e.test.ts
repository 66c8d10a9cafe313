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
  { prompt: 'Which kubectl command shows a pod in detail?', answer: 'kubectl describe pod <name>' },
  { prompt: 'What does a Deployment manage?', answer: 'ReplicaSets, and through them Pods' },
  { prompt: 'What does a Service give a set of pods?', answer: 'one stable address' },
];

const prompt = async (page: Page) => ((await page.getByTestId('prompt').textContent()) ?? '').trim();

async function leftCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('left').textContent()) ?? '';
  const match = /(\d+) left/.exec(text);
  if (!match?.[1]) throw new Error(`no "N left" in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** A value kept on `window`: it survives everything but a new document. */
const setMarker = (page: Page, value: string) => page.evaluate((v) => Object.assign(window, { reviewMarker: v }), value);
const marker = (page: Page) => page.evaluate(() => (window as unknown as { reviewMarker?: string }).reviewMarker ?? null);

async function reveal(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(false);
  await page.keyboard.press('Space');
  await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(true);
}

/** Grades from the keyboard and waits until the reply is in (the buttons are no longer busy). */
async function gradeAndWaitForReply(page: Page, key: string): Promise<void> {
  const reply = page.waitForResponse((response) => response.url().endsWith('/api/review/answer'));
  await page.keyboard.press(key);
  await reply;
  await expect.poll(() => page.locator('#grades').getAttribute('aria-busy')).toBeNull();
}

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('answering in the page', () => {
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

  it('answers three cards with the keyboard without loading a page, keeps the place on reload, and undoes in the page', async () => {
    const { page } = browser;
    await page.goto(url('/review'));
    const loads: string[] = [];
    const documents: string[] = [];
    const answers: Request[] = [];
    const onLoad = () => loads.push(page.url());
    const onRequest = (request: Request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
      if (request.url().endsWith('/api/review/answer')) answers.push(request);
    };
    page.on('load', onLoad);
    page.on('request', onRequest);
    await setMarker(page, 'first document');

    expect(await prompt(page)).toBe(CARDS[0]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length);
    await reveal(page);
    // Every passing grade of a new card gives 1 day: the page says why, and Again shows its interval too.
    expect(await page.getByTestId('interval-note').textContent()).toMatch(/^New card: every grade gives 1 day/);
    expect(await page.locator('button[data-key="1"] .next').textContent()).toBe('1 day · again today');
    expect(new URL(page.url()).search).toMatch(/^\?card=[^&]+&reveal=1$/);
    await gradeAndWaitForReply(page, '4');
    expect(await prompt(page)).toBe(CARDS[1]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length - 1);
    expect(await page.getByTestId('answer').isVisible()).toBe(false);

    // The second card's reply is held back: the third card shows anyway, from the one prefetched.
    let releaseReply = () => {};
    const held = new Promise<void>((resolve) => (releaseReply = resolve));
    await page.route('**/api/review/answer', async (route) => {
      await held;
      await route.continue();
    });
    await reveal(page);
    await page.keyboard.press('3');
    await expect.poll(() => prompt(page)).toBe(CARDS[2]?.prompt);
    expect(await page.locator('#grades').getAttribute('aria-busy')).toBe('true');
    const reply = page.waitForResponse((response) => response.url().endsWith('/api/review/answer'));
    releaseReply();
    await reply;
    await page.unroute('**/api/review/answer');
    await expect.poll(() => leftCount(page)).toBe(CARDS.length - 2);

    // Again keeps the third card in today's session: the count stays.
    await reveal(page);
    await gradeAndWaitForReply(page, '1');
    expect(await prompt(page)).toBe(CARDS[3]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length - 2);

    expect(await marker(page)).toBe('first document');
    expect(loads).toEqual([]);
    expect(documents).toEqual([]);
    expect(answers).toHaveLength(3);
    expect(answers.every((request) => request.method() === 'POST')).toBe(true);
    await saveScreenshot(page, 'review-in-page-fourth-card');

    // Reveal, reload: the same card, answer shown.
    await reveal(page);
    const revealedUrl = page.url();
    expect(revealedUrl).toContain('reveal=1');
    await page.reload();
    expect(page.url()).toBe(revealedUrl);
    expect(await prompt(page)).toBe(CARDS[3]?.prompt);
    expect(await page.getByTestId('answer').isVisible()).toBe(true);
    expect(await page.getByTestId('answer').textContent()).toBe(CARDS[3]?.answer);

    // u undoes the Again on the third card in the page: it is back, revealed, and the count with it.
    await setMarker(page, 'after reload');
    const undo = page.waitForResponse((response) => response.url().endsWith('/api/review/undo'));
    await page.keyboard.press('u');
    expect((await undo).status()).toBe(200);
    await expect.poll(() => prompt(page)).toBe(CARDS[2]?.prompt);
    expect(await page.getByTestId('answer').isVisible()).toBe(true);
    expect(await leftCount(page)).toBe(CARDS.length - 2);
    expect(new URL(page.url()).search).toMatch(/^\?card=[^&]+&reveal=1$/);
    expect(await marker(page)).toBe('after reload');
    await saveScreenshot(page, 'review-in-page-after-undo');

    // Graded again, the held card after it comes straight back.
    await gradeAndWaitForReply(page, '3');
    expect(await prompt(page)).toBe(CARDS[3]?.prompt);
    expect(await leftCount(page)).toBe(CARDS.length - 3);
    expect(await marker(page)).toBe('after reload');
    page.off('load', onLoad);
    page.off('request', onRequest);
  });

  it('says why an answer was refused and loads the page afresh; without a network it falls back to the forms', async () => {
    const { page } = browser;
    await page.goto(url('/review'));
    const first = await prompt(page);

    // A 409 (answered in another tab, say): the page reloads on the current card, saying so.
    await page.route('**/api/review/answer', (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { id: 'conflict', message: 'That card is not due today; it may have been answered in another tab.' } }) }),
    );
    await reveal(page);
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('3');
    await reloaded;
    await page.unroute('**/api/review/answer');
    expect(await page.getByTestId('review-message').textContent()).toBe(
      'That answer was not saved: That card is not due today; it may have been answered in another tab.',
    );
    expect(await prompt(page)).toBe(first);
    expect(await page.getByTestId('answer').isVisible()).toBe(false);

    // The network fails: the card comes back with a message, and the next grade is a plain form post.
    await page.route('**/api/review/answer', (route) => route.abort('internetdisconnected'));
    await reveal(page);
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('review-message').textContent()).toBe(
      'Could not reach Deckhand, so that answer was not saved. Grade again to send it as a normal form.',
    );
    expect(await prompt(page)).toBe(first);
    expect(await page.getByTestId('answer').isVisible()).toBe(true);
    await page.unroute('**/api/review/answer');
    const formPost = page.waitForRequest((request) => request.url().endsWith('/review/answer') && request.resourceType() === 'document');
    const loaded = page.waitForEvent('load');
    await page.keyboard.press('3');
    expect((await formPost).method()).toBe('POST');
    await loaded;
    expect(await prompt(page)).not.toBe(first);
    expect(await page.getByTestId('review-message').isVisible()).toBe(false);
  });

  it('works as plain links and forms without JavaScript', async () => {
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
      expect(await page.getByTestId('answer').isVisible()).toBe(false);
      await page.getByRole('link', { name: /Show answer/ }).click();
      await page.waitForURL(/\/review\?card=[^&]+&reveal=1$/);
      expect(await page.getByTestId('answer').isVisible()).toBe(true);
      expect(await page.getByTestId('interval-note').isVisible()).toBe(true);
      await page.getByRole('button', { name: /^Good/ }).click();
      await page.waitForURL(url('/review'));
      expect(await prompt(page)).not.toBe(first);
      expect(await leftCount(page)).toBe(left - 1);
      await page.getByRole('button', { name: /^Undo/ }).click();
      await page.waitForURL(/\/review\?card=[^&]+&reveal=1$/);
      expect(await prompt(page)).toBe(first);
      expect(await page.getByTestId('answer').isVisible()).toBe(true);
      expect(await leftCount(page)).toBe(left);
    } finally {
      await plain.close();
    }
  });
});
