/**
 * What a page costs to open: a reader of the public transparency pages, an officer and a reviewer download
 * the app's shell and their own area, never the messenger or its MLS code, and the public page stays within
 * a budget of 150 KB of compressed JavaScript (what the server sends with Accept-Encoding: br).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../apps/server/test/support/start.ts';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import { visible } from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';

const budgetBytes = 150 * 1024;

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
  browser = launched;
  server = await startServer({ webRoot: webDist });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` in a fresh profile and lists every script it loaded, with the bytes sent for each. */
async function scriptsOf(path: string, heading: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: { name: string; bytes: number }[] = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    const sent = Number(await response.headerValue('content-length'));
    scripts.push({ name: url.pathname.split('/').pop() ?? '', bytes: sent });
  });
  await page.goto(`${server.url}${path}`);
  await visible(page.getByRole('heading', { level: 1, name: heading }));
  await page.waitForLoadState('networkidle');
  await context.close();
  return scripts;
}

/** The messenger's chunk (`vite.config.ts` groups the MLS library and the SDK's messaging into it). */
const isMessenger = (name: string) => /^messenger-/.test(name);

it('opens the public transparency pages without the messenger, within 150 KB of compressed JavaScript', async () => {
  const scripts = await scriptsOf('/transparency', 'Transparency reports');
  expect(scripts.map((s) => s.name).filter(isMessenger)).toEqual([]);
  for (const s of scripts) expect(s.bytes, s.name).toBeGreaterThan(0);
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  expect(total).toBeLessThanOrEqual(budgetBytes);
});

it('opens the authority portal and the review console without the messenger', async () => {
  for (const [path, heading] of [
    ['/authority', 'Authority portal'],
    ['/review', 'Review console'],
  ] as const) {
    const scripts = await scriptsOf(path, heading);
    expect(scripts.map((s) => s.name).filter(isMessenger), path).toEqual([]);
  }
});

it('loads the messenger, MLS included, when a member opens it', async () => {
  const scripts = await scriptsOf('/', 'Welcome to Parley');
  expect(scripts.map((s) => s.name).filter(isMessenger)).toHaveLength(1);
});
