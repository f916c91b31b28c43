import { createServer, type ParleyServer } from '@parley/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { openApp, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';

describe('a browser profile sealed with a passphrase', () => {
  let server: ParleyServer;
  let browser: Browser;

  beforeAll(async () => {
    const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
    browser = launched;
    server = await createServer({ port: 0, host: '127.0.0.1', webRoot: webDist });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is chosen at sign-up, asked for at every start, and a wrong one opens nothing', async () => {
    const { page, log } = await openApp(browser, server.url);
    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Username', { exact: true }).fill('locked-lou');
    const passphrase = form.getByLabel('Passphrase for this browser (optional)');
    await passphrase.fill('too short');
    await form.getByRole('button', { name: 'Create account' }).click();
    await visible(form.getByText('Use at least 12 characters, or leave it empty.'));
    await passphrase.fill('correct horse battery staple');
    await form.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Conversations' }));

    await page.reload();
    await visible(page.getByRole('heading', { name: 'Unlock Parley' }));
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery stable');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await visible(page.getByText('That passphrase does not open this profile. Try again.'));
    expect(await page.getByRole('heading', { name: 'Conversations' }).count()).toBe(0);

    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await visible(page.getByRole('heading', { name: 'Conversations' }));
    await visible(page.getByRole('status').filter({ hasText: 'Connected' }));
    expect(log.errors).toEqual([]);
  });
});
