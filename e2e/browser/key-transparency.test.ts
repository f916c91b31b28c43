/**
 * Key transparency as a member sees it in the browser: a contact marked verified by the key directory at an
 * epoch, then the operator's directory holding another key for that contact, and then a device slipped into
 * the member's own entry. Each hostile answer must reach the page as a warning in words that stays until
 * the member acknowledges it.
 */
import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { createServer, type ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { type Operator, operator } from '../key-transparency/operator.ts';
import { createAccount, openApp, type PageLog, screenshot, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';

describe('key transparency in the messenger, in Chromium against a real server', () => {
  let server: ParleyServer;
  let browser: Browser;
  let page: Page;
  let log: PageLog;
  let db: Operator;
  const clients: ParleyClient[] = [];

  /** Another member, registered through the sdk in Node. */
  const register = async (username: string) => {
    const client = new ParleyClient({
      serverUrl: server.url,
      store: new MemoryStore(),
      socketFactory: nodeSocketFactory,
    });
    clients.push(client);
    await client.register(username);
  };
  const contactPage = async (username: string) => {
    await page.goto(`${server.url}/contacts/${username}`);
    await visible(page.getByRole('heading', { level: 1, name: username }));
  };
  const ktSection = () => page.getByRole('region', { name: 'Key transparency' });

  beforeAll(async () => {
    const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
    browser = launched;
    server = await createServer({ port: 0, host: '127.0.0.1', webRoot: webDist });
    db = operator({ server });
    ({ page, log } = await openApp(browser, server.url));
    await createAccount(page, 'alice');
    await register('bob');
    await register('mallory');
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });

  it("marks a contact verified by key transparency, with the directory's epoch", async () => {
    await page.getByRole('link', { name: 'New conversation' }).click();
    await page.getByLabel('Name').fill('Plans');
    await page.getByLabel('Members').fill('bob');
    await page.getByRole('button', { name: 'Create conversation' }).click();
    const epoch = server.context.keyDirectory.epochCount - 1;
    const members = page.getByRole('region', { name: 'Members' });
    await visible(members.getByText(`✓ Verified by key transparency (epoch ${epoch})`));
    await members.getByRole('link', { name: 'bob' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'bob' }));
    await visible(
      ktSection()
        .getByRole('status')
        .filter({
          hasText: `Verified by key transparency at epoch ${epoch}: the keys of bob are the ones the public key directory holds.`,
        }),
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, '30-kt-verified');
  });

  it('warns, until acknowledged, when the directory holds another key for the contact', async () => {
    await db.publishAccount('bob', (await db.account('mallory')).accountKey);
    await contactPage('bob');
    const sentence =
      'The server showed keys for bob that its public key directory does not hold. Parley refused them.';
    const warning = ktSection().getByRole('alert');
    await visible(warning.filter({ hasText: `Warning: Refused (kt-mismatch): ${sentence}` }));
    expect(
      await ktSection()
        .getByText(/^✓ Verified by key transparency/)
        .count(),
    ).toBe(0);
    // The same alert heads every screen, and only saying so closes it.
    const alerts = page.getByRole('region', { name: 'Alerts' });
    const alert = alerts.getByRole('alert').filter({ hasText: sentence });
    await visible(alert);
    expect(await alert.getByRole('button', { name: /^Dismiss/ }).count()).toBe(0);
    await screenshot(page, '31-kt-refused');
    await alert.getByRole('button', { name: /^I understand/ }).click();
    await alert.waitFor({ state: 'detached' });
    // Acknowledging the alert does not make the contact trusted: the page still says it is refused.
    await visible(warning.filter({ hasText: 'Refused (kt-mismatch)' }));
  });

  it('warns the member when the directory shows a device on their own account that they did not add', async () => {
    await db.publishForeignDevice('alice');
    // A device looks itself up on every connection: here, the next time the page is opened.
    await page.reload();
    const alert = page.getByRole('region', { name: 'Alerts' }).getByRole('alert').filter({
      hasText: 'The public key directory shows a device list for your account that you did not sign.',
    });
    await visible(alert);
    await visible(alert.getByRole('link', { name: 'Review' }));
    expect(await alert.getByRole('button', { name: /^I understand/ }).count()).toBe(1);
    expect(log.errors).toEqual([]);
  });
});
