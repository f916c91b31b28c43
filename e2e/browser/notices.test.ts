import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { startGovWorld } from '../governance/gov-driver.ts';
import { createAccount, navigate, openApp, type PageLog, screenshot, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';

const DAY = 24 * 3600_000;

describe('a government-request notice reaches the member in the browser', () => {
  let world: Awaited<ReturnType<typeof startGovWorld>>;
  let browser: Browser;
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
    browser = launched;
    world = await startGovWorld({ webRoot: webDist });
    ({ page, log } = await openApp(browser, world.url));
    await createAccount(page, 'dana', 'US');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.server.close();
  });

  it('shows nothing while the non-disclosure order binds, then alerts and lists the notice live', async () => {
    await world.disclosedUnderOrder(['dana'], '2026-04-15');
    await world.server.sweepGovernance();
    await navigate(page, 'Requests');
    await visible(page.getByText('No requests about your account have been notified to you.'));

    world.clock.advance(15 * DAY);
    await world.server.sweepGovernance();
    await visible(page.getByText('Parley received a government request about your account.'));
    await visible(page.getByRole('link', { name: 'Requests 1 new' }));
    const notice = page
      .getByRole('listitem')
      .filter({ hasText: 'A court order kept Parley from telling you sooner.' });
    await visible(notice);
    expect(await notice.getByRole('heading').textContent()).toMatch(/^United States: legal process$/);
    expect(await notice.textContent()).toContain('2026-01-01 to 2026-03-31');
    await screenshot(page, '10-notice');
    expect(log.errors).toEqual([]);
  });
});
