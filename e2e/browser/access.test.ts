import { totpCode } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { PASSWORD, startGovWorld } from '../governance/gov-driver.ts';
import { openApp, type PageLog, screenshot, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';
import { consoleNav, staffSignIn, staffSignOut } from './support/review-driver.ts';

let browser: Browser;
let world: Awaited<ReturnType<typeof startGovWorld>>;
let page: Page;
let log: PageLog;
const FBI = 'agent.smith@fbi.gov';

beforeAll(async () => {
  const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
  browser = launched;
  world = await startGovWorld({ webRoot: webDist });
  ({ page, log } = await openApp(browser, world.url, { width: 1100, height: 900 }));
  await page.goto(`${world.url}/review`);
}, 240_000);
afterAll(async () => {
  await world?.server.close();
  await browser?.close();
});

/** The officer's sign-in on the portal, in a fresh page; resolves to the portal's answer. */
async function officerSignIn(): Promise<Page> {
  const { page: portal } = await openApp(browser, world.url, { width: 420, height: 860 });
  await portal.goto(`${world.url}/authority`);
  world.clock.advance(30_000);
  await portal.getByLabel('Official e-mail address').fill(FBI);
  await portal.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await portal.getByLabel('Authenticator code').fill(totpCode(world.secrets[FBI] ?? '', world.clock.now()));
  await portal.getByRole('button', { name: 'Sign in' }).click();
  return portal;
}

describe('the Access screen of the review console', () => {
  it('is offered to policy admins only', async () => {
    await staffSignIn(page, world.clock, 'ivy', world.secrets.ivy ?? '');
    expect(await page.getByRole('link', { name: 'Access', exact: true }).count()).toBe(0);
    await staffSignOut(page);
  });

  it('suspends an agency after a reason and a confirmation; its officer is told why at sign-in', async () => {
    await staffSignIn(page, world.clock, 'pat', world.secrets.pat ?? '');
    await consoleNav(page, 'Access');
    const fbi = page.getByRole('listitem').filter({ hasText: 'FBI' }).first();
    await visible(fbi.getByText('Approved', { exact: true }));
    await screenshot(page, 'access-01-agencies');

    await page.getByRole('button', { name: 'Suspend FBI…' }).click();
    await visible(page.getByText(/Its officers are signed out now/));
    const confirm = page.getByRole('button', { name: 'Confirm: suspend FBI' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Reason').first().fill('Forged orders reported by the FBI itself.');
    await confirm.click();
    await visible(page.getByRole('status').filter({ hasText: /FBI is now suspended; \d+ officer session/ }));
    await visible(fbi.getByText('Suspended', { exact: true }));
    await visible(fbi.getByText(/Forged orders reported/));
    await fbi.getByText('History and officers of FBI').click();
    await visible(fbi.getByRole('listitem').filter({ hasText: /suspended by you\. Forged orders/ }));
    await visible(fbi.getByRole('listitem').filter({ hasText: FBI }));
    await screenshot(page, 'access-02-suspended');

    const portal = await officerSignIn();
    await visible(portal.getByRole('alert').filter({ hasText: 'approval on Parley is suspended' }));
    await screenshot(portal, 'access-03-portal-suspended');

    await page.getByRole('button', { name: 'Reinstate FBI…' }).click();
    await page.getByLabel('Reason').first().fill('The FBI confirmed new contacts.');
    await page.getByRole('button', { name: 'Confirm: reinstate FBI' }).click();
    await visible(fbi.getByText('Approved', { exact: true }));
    const back = await officerSignIn();
    await visible(back.getByRole('heading', { name: 'Your agency’s requests' }));
  }, 180_000);

  it('proposes an authenticator reset; another admin confirms and sees the new secret once', async () => {
    await page.getByLabel('Staff member').selectOption({ label: 'ivy (ivy)' });
    await page.getByLabel('Reason').last().fill('Ivy lost her phone; checked in person.');
    await page.getByRole('button', { name: 'Propose reset' }).click();
    const pending = page
      .getByRole('listitem')
      .filter({ hasText: 'Reset the authenticator of staff member ivy' });
    await visible(pending.getByText('You proposed this reset'));
    await pending.getByRole('button', { name: /^Confirm the reset/ }).click();
    await visible(pending.getByRole('alert').filter({ hasText: 'another staff member' }));
    await staffSignOut(page);

    await staffSignIn(page, world.clock, 'quin', world.secrets.quin ?? '');
    await consoleNav(page, 'Access');
    await page.getByRole('button', { name: 'Confirm the reset of staff member ivy' }).click();
    const handover = page.locator('.handover');
    await visible(handover.getByText('New authenticator for ivy'));
    const secret = ((await handover.locator('.code').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'access-04-handover');
    await handover.getByRole('button', { name: /Handed over/ }).click();
    expect(await page.locator('.handover').count()).toBe(0);
    await staffSignOut(page);

    world.secrets.ivy = secret;
    await staffSignIn(page, world.clock, 'ivy', secret);
    expect(log.errors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
  }, 180_000);
});
