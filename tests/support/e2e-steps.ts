import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Fills the first-visit form, as a new instructor would, and waits for the home page. */
export async function createFirstAccount(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/setup`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Time zone').fill('UTC');
  await page.getByRole('button', { name: 'Create the first account' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** Creates a class from the instructor pages; returns its join code and the settings page's URL. */
export async function createClass(page: Page, name: string): Promise<{ code: string; settingsUrl: string }> {
  await page.getByRole('link', { name: 'Instructor' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create class' }).click();
  await page.waitForURL(/\/instructor\/classes\/\d+\/settings$/);
  const code = ((await page.getByTestId('join-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  return { code, settingsUrl: page.url() };
}
