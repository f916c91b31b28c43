import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { type HongKongWorld, hongKongWorld } from '../transparency-log/hong-kong-world.ts';
import { withReportJsonEdited } from '../transparency-log/log-network.ts';
import { openApp, type PageLog, screenshot, visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Opens a public page in a fresh browser profile, as a reader who never signed in. */
async function openPublic(
  browser: Browser,
  origin: string,
  path: string,
  viewport?: { width: number; height: number },
) {
  const opened = await openApp(browser, origin, viewport);
  await opened.page.goto(`${origin}${path}`);
  return opened;
}

const go = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();

describe('the public transparency pages in Chromium: Hong Kong paused, the report verified in the page', () => {
  let world: HongKongWorld;
  let browser: Browser;
  const logs: PageLog[] = [];

  beforeAll(async () => {
    const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
    browser = launched;
    world = await hongKongWorld({ webRoot: webDist });
    // The half-year ends; the governance sweeper publishes its report.
    world.clock.advance(Date.parse('2021-01-01T01:00:00Z') - world.clock.now().getTime());
    await world.server.sweepGovernance();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('shows the half-year with Hong Kong PAUSED, its counts, and downloads of the exact published documents', async () => {
    // A first-time visitor reaches the pages from the welcome screen, without an account.
    const { page, log } = await openApp(browser, world.server.url);
    logs.push(log);
    await page.getByRole('link', { name: 'transparency reports' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Transparency reports' }));
    const section = page.getByRole('region', { name: '2020-H2' });
    const hk = section.getByRole('row').filter({ hasText: 'Hong Kong' });
    await visible(hk);
    const cells = await hk.getByRole('cell').allTextContents();
    // status, class, received, accounts, produced, content, non-content, no data, rejected, redirected, paused
    expect(cells.slice(0, 5)).toEqual(['PAUSED since 2020-07-06', 'legal process', '2', '3', '0 (0.0%)']);
    expect(cells[10]).toBe('2');
    expect(await hk.getAttribute('class')).toBe('tp-restricted');
    await visible(section.getByText('Hong Kong: PAUSED since 2020-07-06.'));
    await visible(section.getByRole('img', { name: /What became of each jurisdiction's requests, 2020-H2/ }));
    await visible(section.getByText('Verified: recomputed from the log and found exact'));
    await screenshot(page, '20-transparency-reports');

    const { reports } = await (await fetch(`${world.server.url}/log/reports`)).json();
    const [published] = reports;
    for (const [label, digest] of [
      ['CSV (2020-H2)', published.csvSha256],
      ['JSON (2020-H2)', published.jsonSha256],
    ]) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: label }).click(),
      ]);
      expect(sha256(await readFile(await download.path()))).toBe(digest);
    }
    expect(log.errors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
  });

  it('verifies the log and the report in the page, then on a second visit checks the log extends the first', async () => {
    const { page, log } = await openPublic(browser, world.server.url, '/transparency/log');
    logs.push(log);
    await visible(page.getByRole('heading', { level: 1, name: 'Verify the transparency log' }));
    await visible(page.getByText('The log verifies:'));
    await visible(page.getByText(/This browser had not seen this log before/));
    await visible(
      page.getByText(
        /Report 2020-H2 \(entry \d+, 3 rows\): verified, recomputed from the log's first \d+ entries/,
      ),
    );
    await visible(page.getByText('e2e.parley.example/log').first());
    await screenshot(page, '21-transparency-verify');

    await page.reload();
    await visible(page.getByText(/consistent with the checkpoint of size \d+ this browser saw before/));

    // Had this browser seen another root at the same size, the log would have forked: the page says so.
    await page.evaluate(() => {
      const key = 'parley.transparency.verifier';
      const state = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...state, rootHash: btoa('x'.repeat(32)) }));
    });
    await page.reload();
    await visible(page.getByText(/^fork: two different roots are signed for size \d+$/));
    await screenshot(page, '27-transparency-fork');
    await page.getByRole('button', { name: 'Forget what this browser saw and start over' }).click();
    await visible(page.getByText(/This browser had not seen this log before/));
    expect(log.errors).toEqual([]);
  });

  it('answers a claim from the verified log, with its evidence', async () => {
    const { page, log } = await openPublic(browser, world.server.url, '/transparency/log');
    logs.push(log);
    await page.getByLabel('Claim', { exact: true }).selectOption('no-production');
    await page.getByLabel('Jurisdiction').fill('HK');
    await page.getByLabel('Since').fill('2020-07-06');
    await page.getByRole('button', { name: 'Check the claim' }).click();
    await visible(page.getByText('Claim "no-production HK since 2020-07-06": HOLDS'));
    await visible(
      page.getByText('since 2020-W28: 2 requests received, 2 held by policy, 0 with data produced'),
    );
    await screenshot(page, '22-transparency-claim');

    await page.getByLabel('Jurisdiction').fill('Hong Kong');
    await page.getByRole('button', { name: 'Check the claim' }).click();
    await visible(page.getByText(/cannot read the claim/));
    expect(log.errors).toEqual([]);
  });

  it('lists jurisdiction statuses from the log and the data inventory, also at phone width', async () => {
    const { page, log } = await openPublic(browser, world.server.url, '/transparency/reports', {
      width: 390,
      height: 844,
    });
    logs.push(log);
    await visible(page.getByRole('region', { name: '2020-H2' }));
    await screenshot(page, '23-transparency-phone');
    await go(page, 'Jurisdictions');
    const hk = page.getByRole('row').filter({ hasText: 'HK' });
    await visible(hk);
    expect(await hk.getByRole('cell').first().textContent()).toBe('PAUSED');
    await screenshot(page, '24-transparency-jurisdictions');
    await go(page, 'What Parley holds');
    await visible(page.getByRole('table', { name: /Each kind of data/ }));
    await visible(page.getByText(/no request can make Parley disclose message content/));
    await screenshot(page, '25-transparency-data');
    expect(log.errors).toEqual([]);
  });

  it('names the report when its stored JSON is changed in the database', async () => {
    await withReportJsonEdited(
      world.server,
      '"pausedNotProcessed": 2',
      '"pausedNotProcessed": 7',
      async () => {
        const { page, log } = await openPublic(browser, world.server.url, '/transparency/log');
        logs.push(log);
        await visible(page.getByText('Verification FAILED'));
        await visible(
          page.getByText(
            /report 2020-H2 at entry \d+: the JSON document does not match the SHA-256 in its leaf/,
          ),
        );
        await screenshot(page, '26-transparency-tampered');
        await go(page, 'Reports');
        await visible(
          page.getByRole('region', { name: '2020-H2' }).getByText(/^FAILED: report 2020-H2 at entry \d+/),
        );
        expect(log.errors).toEqual([]);
      },
    );
    expect(logs.flatMap((l) => l.foreignRequests)).toEqual([]);
    expect(logs.flatMap((l) => l.failedResponses)).toEqual([]);
  });
});
