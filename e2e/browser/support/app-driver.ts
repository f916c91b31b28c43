import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations } from './accessibility.ts';

export const screenshotDir = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/** What a page did that a user or a reviewer would object to: errors, and requests to any other origin. */
export type PageLog = Readonly<{ errors: string[]; failedResponses: string[]; foreignRequests: string[] }>;

/** A fresh, isolated browser profile (its own IndexedDB and key) on the app, watched for errors and leaks. */
export async function openApp(
  browser: Browser,
  origin: string,
  viewport = { width: 1024, height: 768 },
): Promise<Readonly<{ page: Page; log: PageLog }>> {
  const context = await browser.newContext({ viewport });
  const log: PageLog = { errors: [], failedResponses: [], foreignRequests: [] };
  const page = await context.newPage();
  watch(page, origin, log);
  context.on('page', (p) => watch(p, origin, log));
  await page.goto(`${origin}/`);
  return { page, log };
}

function watch(page: Page, origin: string, log: PageLog): void {
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    // Failed loads are recorded with their URL below; the console's copy of them says less.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      log.errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      log.failedResponses.push(
        `${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`,
      );
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith(origin.replace(/^http/, 'ws')))
      log.foreignRequests.push(url);
  });
}

export async function createAccount(page: Page, username: string, jurisdiction?: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  if (jurisdiction) await page.getByLabel('Where you live (optional)').fill(jurisdiction);
  await page.getByRole('button', { name: 'Create account' }).click();
  await visible(page.getByRole('heading', { name: 'Conversations' }));
  await visible(page.getByRole('status').filter({ hasText: 'Connected' }));
}

/** Goes to a screen through the main navigation, as a user would. */
export async function navigate(page: Page, label: 'Chats' | 'Devices' | 'Requests'): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${label}`) })
    .click();
}

export async function openConversation(page: Page, name: string): Promise<void> {
  await navigate(page, 'Chats');
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await visible(page.getByRole('heading', { level: 1, name }));
}

/** Opens the new-conversation form and fills it in, without submitting it. */
export async function fillNewConversation(page: Page, name: string, members: string): Promise<void> {
  await page.getByRole('link', { name: 'New conversation' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Members').fill(members);
}

/** The text of the alert the page shows (waiting for it). */
export async function alertText(page: Page): Promise<string | null> {
  const alert = page.getByRole('alert');
  await visible(alert);
  return alert.textContent();
}

/** Types into the composer and presses Enter (the keyboard path), then waits until the server took it. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  // Shown at once as pending; sent once the server took it.
  await visible(messages(page).filter({ hasText: text }).filter({ hasNotText: 'Not sent yet' }));
}

/** Waits (up to 30 s) until the locator shows; fails the test with the locator in the message otherwise. */
export async function visible(locator: Locator, timeout = 30_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export const messages = (page: Page) => page.getByRole('log', { name: 'Messages' }).getByRole('listitem');

/**
 * Saves a screenshot of a main screen, and audits the screen for accessibility while it is shown: a serious
 * or critical WCAG 2.1 A/AA violation fails the test that reached the screen.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
  const violations = await accessibilityViolations(page);
  if (violations.length > 0)
    throw new Error(`screen ${name} breaks WCAG 2.1 AA: ${JSON.stringify(violations, null, 2)}`);
}
