import type { ManualClock } from '@parley/server';
import { totpCode } from '@parley/server';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../../governance/gov-driver.ts';
import { visible } from './app-driver.ts';

/** Signs an officer in on the portal with the authenticator code of the server's (manual) clock. */
export async function signInOfficer(page: Page, clock: ManualClock, email: string, secret: string) {
  // Each code works once: move to the next 30-second step first.
  clock.advance(30_000);
  await page.getByLabel('Official e-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Authenticator code').fill(totpCode(secret, clock.now()));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('heading', { name: 'Your agency’s requests' }));
}

export type RequestValues = Readonly<{
  target: string;
  from: string;
  to: string;
  categories: readonly string[];
  instrument: string;
  issuer: string;
  date: string;
  signatory: string;
  document: Readonly<{ name: string; bytes: Uint8Array }>;
  legalBasis: string;
  offence: string;
  order?: Readonly<{ reference: string; expiresOn: string }>;
}>;

/** Fills the request form as an officer would, from the portal's navigation; submits nothing. */
export async function fillRequest(page: Page, v: RequestValues): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New request' }).click();
  await visible(page.getByRole('heading', { name: 'New request' }));
  await page.getByLabel('Request type').selectOption('legal_process');
  await page.getByLabel('Target 1: username').fill(v.target);
  await page.getByLabel('From', { exact: true }).fill(v.from);
  await page.getByLabel('To', { exact: true }).fill(v.to);
  for (const c of v.categories) await page.getByRole('checkbox', { name: new RegExp(`^${c}:`) }).check();
  await page.getByLabel('Instrument type').selectOption(v.instrument);
  await page.getByLabel('Issued by').fill(v.issuer);
  await page.getByLabel('Date of issue').fill(v.date);
  await page.getByLabel('Signatory').fill(v.signatory);
  await page.getByLabel('Signed document').setInputFiles({
    name: v.document.name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(v.document.bytes),
  });
  await visible(page.getByText(/SHA-256: [0-9a-f]{64}/));
  await page.getByLabel('Legal basis').fill(v.legalBasis);
  await page.getByLabel('Offence classification').fill(v.offence);
  if (v.order) {
    await page.getByRole('checkbox', { name: 'A non-disclosure order applies' }).check();
    await page.getByLabel('Order reference').fill(v.order.reference);
    await page.getByLabel('Order expires on').fill(v.order.expiresOn);
  }
  await page.getByRole('checkbox', { name: /official capacity/ }).check();
}

/** Opens one request from the agency's list. */
export async function openRequest(page: Page, reference: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Requests', exact: true })
    .click();
  await page.getByRole('link', { name: new RegExp(`^${reference}`) }).click();
  await visible(page.getByRole('heading', { level: 1, name: `Request ${reference}` }));
}
