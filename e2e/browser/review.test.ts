import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { signer, startGovWorld } from '../governance/gov-driver.ts';
import {
  HK_STATEMENT,
  type HongKongWorld,
  hongKongWorld,
  submission,
} from '../transparency-log/hong-kong-world.ts';
import { createAccount, navigate, openApp, type PageLog, screenshot, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';
import { caseState, consoleNav, staffSignIn, staffSignOut, step } from './support/review-driver.ts';

const DAY = 24 * 3600_000;
let browser: Browser;

beforeAll(async () => {
  const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
  browser = launched;
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** A fresh browser profile on the review console. */
async function openConsole(origin: string, viewport = { width: 1100, height: 900 }) {
  const opened = await openApp(browser, origin, viewport);
  await opened.page.goto(`${origin}/review`);
  return opened;
}

function cleanLog(log: PageLog): void {
  expect(log.errors).toEqual([]);
  expect(log.foreignRequests).toEqual([]);
}

describe('the review console in a world where Hong Kong is paused', () => {
  let world: HongKongWorld;
  const secret = (name: string) => world.secrets.get(name) ?? '';

  beforeAll(async () => {
    world = await hongKongWorld({ webRoot: webDist });
  }, 180_000);
  afterAll(async () => {
    await world?.close();
  });

  it('shows a Hong Kong police request as held by policy and refuses to review it, saying why', async () => {
    const { page, log } = await openConsole(world.server.url);
    await visible(page.getByLabel('Authenticator code'));
    await screenshot(page, 'review-00-sign-in');
    await staffSignIn(page, world.clock, 'ivy', secret('ivy'));
    // Intake sees the queues and policies, not the audit log.
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    const held = page.getByRole('region', { name: /^Held by policy/ });
    const reference = world.held[0]?.reference ?? '';
    await visible(held.getByRole('link', { name: reference }));
    await expect(held.getByRole('row').filter({ hasText: reference }).textContent()).resolves.toContain(
      'Held by policy',
    );
    await screenshot(page, 'review-01-queues');

    await held.getByRole('link', { name: reference }).click();
    await visible(caseState(page).filter({ hasText: 'Held by policy' }));
    await visible(page.getByText(HK_STATEMENT).first());
    await page.getByRole('button', { name: 'Start triage' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'held by a jurisdiction policy' });
    await visible(refusal);
    expect(await refusal.textContent()).toContain('case_held_by_policy');
    expect(await caseState(page).textContent()).toBe('Held by policy');
    await screenshot(page, 'review-02-held-request-refused');
    cleanLog(log);
  });

  it('shows Hong Kong paused on the map and in the table; a change proposed by one admin is signed off by another', async () => {
    const { page, log } = await openConsole(world.server.url);
    await staffSignIn(page, world.clock, 'pat', secret('pat'));
    await visible(page.getByRole('heading', { name: 'Jurisdiction policies' }));
    const onMap = page.locator('.world-map a[data-jurisdiction="HK"]');
    await visible(onMap);
    expect(await onMap.getAttribute('aria-label')).toMatch(/Hong Kong.*: Paused$/);
    const row = page.getByRole('row').filter({ hasText: '(HK)' });
    expect(await row.textContent()).toContain('Paused');
    expect(await row.textContent()).toContain(HK_STATEMENT);
    expect(await row.getAttribute('class')).toContain('stands-out');
    await screenshot(page, 'review-03-policy-map');

    // The keyboard reaches the map's jurisdictions.
    await onMap.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: /Hong Kong/ }));
    await visible(page.getByRole('heading', { name: /Version 2: Paused/ }));
    const statement = 'Parley keeps requests from and about Hong Kong paused after its 2021 review.';
    await page.getByLabel('Public statement').fill(statement);
    await page.getByLabel('Next review date').fill('2027-01-06');
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: 'needs a second staff member' }));
    await page.getByRole('button', { name: /^Sign off Hong Kong/ }).click();
    await visible(
      page.getByRole('alert').filter({ hasText: 'The second signature must come from another staff member' }),
    );
    await screenshot(page, 'review-04-policy-proposed');
    await staffSignOut(page);

    await staffSignIn(page, world.clock, 'quin', secret('quin'));
    await page.goto(`${world.server.url}/review/policy/HK`);
    await page.getByRole('button', { name: /^Sign off Hong Kong/ }).click();
    await visible(page.getByRole('heading', { name: /Version 3: Paused/ }));
    await visible(page.getByText(statement).first());
    expect(await page.getByRole('button', { name: /^Sign off/ }).count()).toBe(0);
    // What the form did not show carried over from the version it changed.
    const hk = (await world.server.context.governance.policies.versions()).filter(
      (p) => p.jurisdiction === 'HK',
    );
    const [v2, v3] = [2, 3].map((n) => hk.find((p) => p.version === n));
    expect(v3?.offenceDenylist).toEqual([
      'secession',
      'subversion',
      'terrorism',
      'collusion with foreign forces',
    ]);
    expect(v3?.framework).toEqual(v2?.framework);
    await screenshot(page, 'review-05-policy-signed-off');

    await page.setViewportSize({ width: 390, height: 844 });
    await consoleNav(page, 'Policy');
    await visible(page.locator('.world-map a[data-jurisdiction="HK"]'));
    await screenshot(page, 'review-06-policy-phone');
    cleanLog(log);
  });
});

describe('a two-signature production with a deferred notice, in the review console', () => {
  let world: Awaited<ReturnType<typeof startGovWorld>>;
  let member: Page;
  let memberLog: PageLog;

  beforeAll(async () => {
    world = await startGovWorld({ webRoot: webDist });
    ({ page: member, log: memberLog } = await openApp(browser, world.url));
    await createAccount(member, 'dana', 'US');
  }, 180_000);
  afterAll(async () => {
    await world?.server.close();
  });

  it('goes from intake to production with two reviewers; the member is told when the order lapses', async () => {
    const fbi = await signer(world.url, world.clock)(
      'officer',
      'agent.smith@fbi.gov',
      world.secrets['agent.smith@fbi.gov'] ?? '',
    );
    const base = submission(['dana'], 'wire fraud');
    const instrument = base.instrument;
    if (typeof instrument !== 'object' || instrument === null)
      throw new Error('the fixture has no instrument');
    // The order's end is capped at 90 days from the instrument's date (US), so both are in this world's time.
    const ack = await fbi('submitRequest', {
      body: {
        ...base,
        dateRange: { from: '2026-01-01', to: '2026-03-31' },
        instrument: { ...instrument, date: '2026-04-01' },
        nonDisclosureOrder: { expiresOn: '2026-04-15', reference: 'NDO-REVIEW-1' },
      },
    });
    const secret = (name: string) => world.secrets[name] ?? '';
    const { page, log } = await openConsole(world.url);

    await staffSignIn(page, world.clock, 'ivy', secret('ivy'));
    await page.getByRole('link', { name: ack.reference }).click();
    await visible(caseState(page).filter({ hasText: 'Received' }));
    await visible(page.getByText('NDO-REVIEW-1, until 2026-04-15'));
    await step(page, 'Start triage', 'Triage');
    await step(page, 'Requester verified', 'Jurisdiction gate');
    await step(page, 'Run the gate', 'Legal review');
    await visible(page.locator('.gate').getByText('Proceed'));
    await staffSignOut(page);

    await staffSignIn(page, world.clock, 'lena', secret('lena'));
    await page.goto(`${world.url}/review/cases/${ack.reference}`);
    await page.getByLabel('Review notes').fill('A subpoena reaches basic subscriber information.');
    await step(page, 'Complete legal review', 'Decision');
    await page.getByRole('group', { name: 'Categories to disclose' }).getByLabel('account basic').check();
    await page.getByRole('group', { name: 'Reason codes' }).getByLabel('Valid legal process').check();
    await page.getByRole('button', { name: 'Propose the decision' }).click();
    await visible(page.getByText('You proposed this decision.'));
    await page.getByRole('button', { name: 'Countersign' }).click();
    await visible(
      page.getByRole('alert').filter({ hasText: 'The second signature must come from another staff member' }),
    );
    expect(await caseState(page).textContent()).toBe('Decision');
    await screenshot(page, 'review-07-self-countersign-refused');
    await staffSignOut(page);

    await staffSignIn(page, world.clock, 'marc', secret('marc'));
    await page.goto(`${world.url}/review/cases/${ack.reference}`);
    await step(page, 'Countersign', 'Notice deferred by order');
    await visible(page.getByText('Deferred by the non-disclosure order'));
    await step(page, 'Produce', 'Produced');
    await visible(page.getByText(/account basic produced by you/));
    await screenshot(page, 'review-08-produced-notice-deferred');
    await staffSignOut(page);

    await staffSignIn(page, world.clock, 'audrey', secret('audrey'));
    await consoleNav(page, 'Audit log');
    await visible(page.getByRole('status').filter({ hasText: /^Intact: all \d+ entries/ }));
    await screenshot(page, 'review-09-audit-log');
    cleanLog(log);

    await world.server.sweepGovernance();
    await navigate(member, 'Requests');
    await visible(member.getByText('No requests about your account have been notified to you.'));
    world.clock.advance(15 * DAY);
    await world.server.sweepGovernance();
    await visible(member.getByText('Parley received a government request about your account.'));
    const notice = member
      .getByRole('listitem')
      .filter({ hasText: 'A court order kept Parley from telling you sooner.' });
    await visible(notice);
    expect(await notice.textContent()).toContain('2026-01-01 to 2026-03-31');
    await screenshot(member, 'review-10-member-notice');
    cleanLog(memberLog);
  });
});
