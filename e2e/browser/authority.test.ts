import { readFile } from 'node:fs/promises';
import type { RouteInput } from '@parley/protocol';
import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { type Caller, signer, startGovWorld } from '../governance/gov-driver.ts';
import {
  HK_STATEMENT,
  type HongKongWorld,
  hongKongWorld,
  submission,
} from '../transparency-log/hong-kong-world.ts';
import { openApp, type PageLog, screenshot, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';
import { fillRequest, openRequest, type RequestValues, signInOfficer } from './support/officer-driver.ts';

const DAY = 24 * 3600_000;
const order = new TextEncoder().encode('%PDF-1.4 order (browser fixture)\n');
const phone = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
  browser = launched;
}, 120_000);
afterAll(async () => browser?.close());

describe('a Hong Kong police officer in the authority portal, while Hong Kong is paused', () => {
  let world: HongKongWorld;
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    world = await hongKongWorld({ webRoot: webDist });
    ({ page, log } = await openApp(browser, world.server.url, phone));
    await page.goto(`${world.server.url}/authority`);
  }, 240_000);
  afterAll(async () => world?.close());

  it('refuses a wrong code, then signs in with TOTP; the token lives in sessionStorage only', async () => {
    const email = 'officer@police.gov.hk';
    await visible(page.getByRole('heading', { name: 'Authority portal' }));
    await page.getByLabel('Official e-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'authenticator code is wrong' }));
    await screenshot(page, '20-authority-sign-in');
    await signInOfficer(page, world.clock, email, world.secrets.get(email) ?? '');
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('parley.officer-session'),
      local: JSON.stringify({ ...localStorage }),
    }));
    const token = JSON.parse(stored.session ?? '{}').token;
    expect(typeof token).toBe('string');
    expect(stored.local).not.toContain(token);
  });

  it('shows a missing field next to that field, keeps what was typed, then acknowledges the pause', async () => {
    const values: RequestValues = {
      target: 'carrie',
      from: '2020-01-01',
      to: '2020-06-30',
      categories: ['account_basic', 'devices'],
      instrument: 'production_order',
      issuer: 'District Court of Hong Kong',
      date: '2020-07-10',
      signatory: 'Judge Chan',
      document: { name: 'order.pdf', bytes: order },
      legalBasis: '',
      offence: 'subversion',
    };
    await fillRequest(page, values);
    await page.getByRole('button', { name: 'Submit request' }).click();
    const basis = page.getByLabel('Legal basis');
    await visible(page.getByRole('alert').filter({ hasText: '1 field needs attention' }));
    expect(await basis.getAttribute('aria-invalid')).toBe('true');
    const described = (await basis.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.locator(`[id="${described.split(' ').at(-1)}"]`).textContent();
    expect(errorText).toContain('State the legal basis');
    expect(await basis.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Issued by').inputValue()).toBe('District Court of Hong Kong');
    expect(await page.getByLabel('Offence classification').inputValue()).toBe('subversion');
    await screenshot(page, '21-authority-intake-error');

    await basis.fill('National Security Law, art. 43');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await visible(page.getByRole('heading', { name: 'Request received' }));
    await visible(page.getByText('Held by policy (not processed)'));
    const notice = page.getByRole('note');
    await visible(notice.getByRole('heading', { name: /the jurisdiction is paused/ }));
    expect(await notice.textContent()).toContain(HK_STATEMENT);
    await screenshot(page, '22-authority-pause-notice');

    await page.getByRole('link', { name: 'Track this request' }).click();
    await visible(page.getByText('Held by policy (not processed)'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('heading', { name: 'Authority portal' }));
    expect(await page.evaluate(() => sessionStorage.getItem('parley.officer-session'))).toBeNull();
    expect(log.errors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
  });
});

describe('an FBI officer tracks a request to production in the authority portal', () => {
  let world: Awaited<ReturnType<typeof startGovWorld>>;
  let page: Page;
  let log: PageLog;
  let member: ParleyClient;
  const email = 'agent.smith@fbi.gov';
  const staff = (name: string) => signer(world.url, world.clock)('staff', name, world.secrets[name] ?? '');
  const act = (who: Caller, reference: string, body: RouteInput<'actOnCase'>['body']) =>
    who('actOnCase', { params: { reference }, body });
  const values: RequestValues = {
    target: 'erin',
    from: '2026-01-01',
    to: '2026-04-30',
    categories: ['account_basic', 'devices', 'message_content'],
    instrument: 'subpoena',
    issuer: 'Grand jury, E.D. Va.',
    date: '2026-04-01',
    signatory: 'Clerk of court',
    document: { name: 'subpoena.pdf', bytes: order },
    legalBasis: '18 U.S.C. § 2703(c)(2)',
    offence: 'wire fraud',
    order: { reference: 'NDO-2026-17', expiresOn: '2026-06-30' },
  };

  beforeAll(async () => {
    world = await startGovWorld({ webRoot: webDist, logSequenceIntervalMs: 0 });
    member = new ParleyClient({
      serverUrl: world.url,
      store: new MemoryStore(),
      socketFactory: nodeSocketFactory,
    });
    await member.register('erin', { jurisdiction: 'US' });
    ({ page, log } = await openApp(browser, world.url));
    await page.goto(`${world.url}/authority`);
    await signInOfficer(page, world.clock, email, world.secrets[email] ?? '');
  }, 120_000);
  afterAll(async () => {
    await member?.close();
    await world?.server.close();
  });

  it('submits, answers a clarification, waits for the checkpoint and downloads the package', async () => {
    await fillRequest(page, values);
    await screenshot(page, '23-authority-request-form');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await visible(page.getByRole('heading', { name: 'Request received' }));
    const reference = (await page.locator('#ack-heading .code').textContent()) ?? '';
    expect(reference).toMatch(/^PR-2026-/);
    // The United States framework gives 240 hours.
    expect(await page.getByText('None set').count()).toBe(0);

    const ivy = await staff('ivy');
    const lena = await staff('lena');
    await act(ivy, reference, { type: 'triage' });
    await act(ivy, reference, { type: 'complete_triage', requesterVerified: true });
    await act(ivy, reference, { type: 'run_gate' });
    await act(lena, reference, { type: 'request_clarification', question: 'Is the whole quarter needed?' });

    await openRequest(page, reference);
    await visible(page.getByText('Is the whole quarter needed?'));
    await page.getByLabel('Your answer').fill('Yes: the fraud ran from January to April.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await visible(page.getByText('In legal review'));

    const marc = await staff('marc');
    await act(lena, reference, { type: 'complete_legal_review', notes: 'Valid subpoena.' });
    await act(lena, reference, {
      type: 'propose_decision',
      outcome: 'disclose',
      reasonCodes: ['valid_legal_process'],
      categories: ['account_basic', 'devices'],
    });
    await act(marc, reference, { type: 'countersign' });
    await act(marc, reference, {
      type: 'produce',
      categories: ['account_basic', 'devices'],
      dateRange: { from: values.from, to: values.to },
    });

    await page.reload();
    await visible(page.getByText('Produced, not yet released.'));
    expect(await page.getByRole('button', { name: 'Download the production package' }).count()).toBe(0);
    await screenshot(page, '24-authority-awaiting-checkpoint');

    await world.server.context.transparencyLog.sequence();
    await page.getByRole('button', { name: 'Check again' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the production package' }).click();
    const file = await readFile((await (await downloading).path()) ?? '', 'utf8');
    const pkg = JSON.parse(file);
    expect(pkg.files.map((f: { name: string }) => f.name)).toEqual(['account_basic.json', 'devices.json']);
    expect(pkg.files[0].content).toContain('"username": "erin"');
    await visible(page.getByRole('heading', { name: 'Not held by Parley' }));
    await visible(page.getByText(/message_content \(end-to-end encrypted\)/));
    expect(await page.getByText('(matches)').count()).toBe(2);
    await screenshot(page, '25-authority-production');
  });

  it('withdraws a request after confirming, and marks an overdue one after signing in again', async () => {
    const fbi = await signer(world.url, world.clock)('officer', email, world.secrets[email] ?? '');
    const body = submission(['erin']);
    const toWithdraw = (await fbi('submitRequest', { body })).reference;
    const late = (await fbi('submitRequest', { body })).reference;

    await openRequest(page, toWithdraw);
    await page.getByRole('button', { name: 'Withdraw this request…' }).click();
    const confirm = page.getByRole('button', { name: 'Yes, withdraw the request' });
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, '26-authority-withdraw-confirm');
    await confirm.click();
    await visible(page.getByText('Withdrawn', { exact: true }));

    // Past the 240-hour deadline, and past the 8-hour session: the server ends it, the page drops it.
    world.clock.advance(11 * DAY);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Requests', exact: true })
      .click();
    await visible(page.getByText('Your session has ended. Sign in again to continue.'));
    expect(await page.evaluate(() => sessionStorage.getItem('parley.officer-session'))).toBeNull();
    await signInOfficer(page, world.clock, email, world.secrets[email] ?? '');
    const row = page.getByRole('link', { name: new RegExp(`^${late}`) });
    await visible(row.getByText('Overdue since'));
    await visible(page.getByRole('link', { name: new RegExp(`^${toWithdraw}.*Withdrawn`) }));
    await page.setViewportSize(phone);
    await screenshot(page, '27-authority-requests-phone');
    expect(log.errors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
  });
});
