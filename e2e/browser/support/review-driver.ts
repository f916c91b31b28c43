import { type ManualClock, totpCode } from '@parley/server';
import type { Locator, Page } from 'playwright-core';
import { PASSWORD } from '../../governance/gov-driver.ts';
import { visible } from './app-driver.ts';

/**
 * Signs a staff member in to the review console as a person would: username, password and the code their
 * authenticator shows. Each code works once, so the server's clock moves to the next 30-second step first.
 */
export async function staffSignIn(page: Page, clock: ManualClock, username: string, secret: string) {
  clock.advance(30_000);
  await visible(page.getByRole('heading', { name: 'Review console' }));
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Authenticator code').fill(totpCode(secret, clock.now()));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
}

export async function staffSignOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(page.getByRole('heading', { name: 'Review console' }));
}

/** Goes to a console screen through its navigation. */
export async function consoleNav(
  page: Page,
  label: 'Requests' | 'Policy' | 'Audit log' | 'Access',
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: label, exact: true })
    .click();
}

/** The request's state as the detail screen shows it. */
export const caseState = (page: Page): Locator => page.locator('.case-state strong');

/** Submits one step's form by its button and waits for the state it leads to. */
export async function step(page: Page, button: string, nextState: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await visible(caseState(page).filter({ hasText: new RegExp(`^${nextState}$`) }));
}
