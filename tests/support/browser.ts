import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './server-process.js';

/** Debian's Chromium: `npx playwright install` cannot download browsers on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether Chromium is installed. Browser tests skip on a laptop without it, but when
 * DECKHAND_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is an error, never a skip.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.DECKHAND_REQUIRE_BROWSER === '1') {
    throw new Error(`DECKHAND_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
  }
  return false;
}

/** Where screenshots go, so a person (or a reviewer) can look at what the test saw. */
export const SCREENSHOT_DIR = join(REPO_ROOT, '.tmp', 'screenshots');

// The flags ENVIRONMENT.md lists: no GPU and no sandbox in containers, and nothing that phones
// home or updates itself in the middle of a test.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with its own fresh profile; `close` also deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches Chromium on a fresh user-data-dir. Playwright refuses `--user-data-dir` in `args`,
 * so the profile goes through launchPersistentContext, which is the same thing by its API.
 */
export async function launchBrowser(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'deckhand-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1100, height: 760 },
    colorScheme: options.colorScheme ?? 'light',
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `.tmp/screenshots/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
