import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAccount } from '../support/e2e-steps.js';
import { browserAvailable, launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

const CARDS = [
  { prompt: 'Which command lists running containers?', answer: 'docker ps' },
  { prompt: 'Which flag runs a container in the background?', answer: '-d (--detach)' },
  { prompt: 'What does chroot change?', answer: 'the root directory a process sees' },
];
const DOUBTFUL = CARDS[1]?.prompt ?? '';

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('drafts and card edits in the browser', () => {
  let workspace: Workspace;
  let server: ServerProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    workspace = createWorkspace(CARDS);
    server = await startServer({ workspace });
    browser = await launchBrowser();
    // Today's compiler is sure of every card, so the test makes one doubtful itself, as a compile
    // with a low confidence would have stored it.
    const db = new BetterSqlite3(workspace.databaseFile);
    try {
      db.prepare('UPDATE cards SET draft = 1, confidence = 0.4 WHERE prompt = ?').run(DOUBTFUL);
    } finally {
      db.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.remove();
  });

  it('accepts a draft from the drafts page, then edits a card from the review screen', async () => {
    const { page } = browser;
    const url = (path: string) => `${server.baseUrl}${path}`;
    await createFirstAccount(page, server.baseUrl, 'ada', 'correct horse battery');
    expect(await page.getByTestId('drafts-notice').textContent()).toContain('1 draft waits');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('2 to review today');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drafts' }).click();
    await page.waitForURL(url('/drafts'));
    const draft = page.locator('article.draft');
    expect(await draft.count()).toBe(1);
    expect(await draft.getByTestId('draft-prompt').textContent()).toBe(DOUBTFUL);
    expect(await draft.textContent()).toContain('basics.md:4');
    await saveScreenshot(page, 'drafts');
    await draft.getByRole('button', { name: 'Accept' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('draft-count').textContent()).toBe('No drafts waiting.');

    await page.goto(url('/'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('3 to review today');

    // In review: reveal, press e for the edit form, fix the prompt, and land back on the card.
    await page.goto(url('/review'));
    expect((await page.getByTestId('prompt').textContent())?.trim()).toBe(CARDS[0]?.prompt);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(true);
    await page.keyboard.press('e');
    await page.waitForURL(/\/cards\/[0-9a-f]+\/edit\?back=/);
    await page.getByLabel('Prompt').fill('Which docker command lists the running containers?');
    await page.getByLabel('Also accept (one answer per line)').fill('docker container ls');
    await saveScreenshot(page, 'card-edit');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/review\?card=[0-9a-f]+&reveal=1$/);
    expect((await page.getByTestId('prompt').textContent())?.trim()).toBe('Which docker command lists the running containers?');
    expect(await page.getByTestId('answer').isVisible()).toBe(true);
    await saveScreenshot(page, 'review-after-edit');

    // Grading goes on in the page; the accepted draft comes up in its turn.
    await page.keyboard.press('3');
    await expect.poll(async () => (await page.getByTestId('prompt').textContent())?.trim()).toBe(DOUBTFUL);
  });
});
