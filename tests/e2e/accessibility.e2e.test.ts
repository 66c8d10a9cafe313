import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAccount } from '../support/e2e-steps.js';
import { browserAvailable, launchBrowser, type TestBrowser } from '../support/browser.js';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

// Long prompts and answers, as real notes have: they are what made Browse wider than a phone.
const CARDS = Array.from({ length: 6 }, (_, i) => ({
  prompt: `Which command lists every container on the host, stopped ones included (case ${i + 1})?`,
  answer: `docker container ls --all --filter name=a-rather-long-container-name-${i + 1}`,
}));

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 800 };
/** A header of one row of controls: the issue measured ≈ 165 px (three and a half rows of links). */
const MAX_PHONE_HEADER_PX = 64;

/** Screenshots for a person to look at; the brief asks for them in /tmp, named a11y-*. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/a11y-${name}.png`, fullPage: true });
}

async function headerHeight(page: Page): Promise<number> {
  return page.locator('header.topbar').evaluate((header) => header.getBoundingClientRect().height);
}

/** How far the page can be scrolled sideways: 0 when nothing is wider than the viewport. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** What has focus, described well enough for an assertion message. */
async function focused(page: Page): Promise<{ tag: string; id: string; className: string; text: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      className: element instanceof HTMLElement ? element.className : '',
      text: (element?.textContent ?? '').trim(),
    };
  });
}

/** Loads a page and presses Tab once: the first stop must be the skip link, shown on screen. */
async function expectSkipLinkFirst(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const skip = page.locator('.skip-link');
  // Out of sight until it has focus.
  expect(await skip.evaluate((link) => link.getBoundingClientRect().bottom)).toBeLessThanOrEqual(0);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', className: 'skip-link', text: 'Skip to content' });
  const box = await skip.evaluate((link) => {
    const rect = link.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
  });
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
  expect(await skip.getAttribute('href')).toBe('#main');
}

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('accessibility and the phone layout in the browser', () => {
  let workspace: Workspace;
  let server: ServerProcess;
  let browser: TestBrowser;
  const url = (path: string) => `${server.baseUrl}${path}`;

  beforeAll(async () => {
    workspace = createWorkspace(CARDS);
    server = await startServer({ workspace });
    browser = await launchBrowser({ colorScheme: 'dark' });
    await browser.page.setViewportSize(PHONE);
    await createFirstAccount(browser.page, server.baseUrl, 'ada', 'correct horse battery');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.remove();
  });

  it('fits a 375 px phone: a one-row header and nothing wider than the screen on the learner pages', async () => {
    const { page } = browser;
    for (const path of ['/', '/review', '/browse', '/stats']) {
      await page.goto(url(path));
      const height = await headerHeight(page);
      expect(height, `header height on ${path}`).toBeLessThanOrEqual(MAX_PHONE_HEADER_PX);
      expect(await horizontalOverflow(page), `sideways overflow on ${path}`).toBe(0);
      await screenshot(page, `375${path === '/' ? '-home' : path.replace('/', '-')}`);
    }

    // The links are behind the Menu disclosure on a phone: while it is closed no navigation is
    // exposed (the row of links is not displayed either); opened, there is exactly one.
    await page.goto(url('/'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.count()).toBe(0);
    const menu = page.locator('summary', { hasText: 'Menu' });
    await menu.click();
    expect(await nav.count()).toBe(1);
    expect(await nav.isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Today' }).getAttribute('aria-current')).toBe('page');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, '375-menu-open');
    await Promise.all([page.waitForURL(url('/stats')), nav.getByRole('link', { name: 'Stats' }).click()]);
  });

  it("shows today's heatmap cell on a phone without scrolling the page sideways", async () => {
    const { page } = browser;
    await page.goto(url('/stats'));
    const today = page.getByTestId('heatmap').locator('rect[data-day]').last();
    const cell = await today.evaluate((rect) => {
      const box = rect.getBoundingClientRect();
      const scroller = rect.closest('.chart-scroll')?.getBoundingClientRect();
      return { left: box.left, right: box.right, scrollerLeft: scroller?.left ?? 0, scrollerRight: scroller?.right ?? 0 };
    });
    expect(cell.left).toBeGreaterThanOrEqual(cell.scrollerLeft);
    expect(cell.right).toBeLessThanOrEqual(cell.scrollerRight);
    expect(cell.right).toBeLessThanOrEqual(PHONE.width);
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it('makes "Skip to content" the first Tab stop, shown when focused, and moves to the main landmark', async () => {
    const { page } = browser;
    for (const path of ['/', '/review', '/stats']) await expectSkipLinkFirst(page, url(path));
    await page.keyboard.press('Enter');
    // Following the link is a navigation of its own: wait for it rather than race it.
    await expect.poll(() => page.url()).toBe(url('/stats#main'));
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'main', id: 'main' });
    await page.keyboard.press('Tab');
    // The next stop is in the page's content, past the header.
    expect(await page.evaluate(() => document.activeElement?.closest('header') === null)).toBe(true);
  });

  it('announces the revealed answer: a live region with space, focus on it when the server reveals it', async () => {
    const { page } = browser;
    await page.goto(url('/review'));
    const answer = page.getByTestId('answer');
    expect(await answer.isVisible()).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(() => answer.isVisible()).toBe(true);
    // The answer appears inside a polite live region that was in the page before the reveal.
    expect(await answer.evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, '375-review-revealed');

    // Revealed from the focused "Show answer" link, which then hides: Tab goes on to the grades.
    await page.goto(url('/review'));
    await page.locator('#reveal').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => answer.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#grades') !== null)).toBe(true);

    // The path without JavaScript: "Show answer" is a link to the revealed page, whose answer takes focus.
    await page.goto(url('/review?reveal=1'));
    expect(await answer.isVisible()).toBe(true);
    await expect.poll(() => answer.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('keeps the row of links on a wide screen (screenshots at 1280 px, dark)', async () => {
    const { page } = browser;
    await page.setViewportSize(DESKTOP);
    await page.goto(url('/'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(true);
    expect(await page.getByText('Menu', { exact: true }).isVisible()).toBe(false);
    expect(await headerHeight(page)).toBeLessThanOrEqual(MAX_PHONE_HEADER_PX);
    for (const path of ['/', '/review', '/browse', '/stats']) {
      await page.goto(url(path));
      expect(await horizontalOverflow(page), `sideways overflow on ${path}`).toBe(0);
      await screenshot(page, `1280${path === '/' ? '-home' : path.replace('/', '-')}`);
    }
    await page.goto(url('/review'));
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('answer').isVisible()).toBe(true);
    await screenshot(page, '1280-review-revealed');
  });
});
