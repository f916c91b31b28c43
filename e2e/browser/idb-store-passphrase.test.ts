import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { bundleHarness, loadHarness } from './support/page-store.ts';
import type { StoreHarness } from './support/store-harness.browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let code = '';

beforeAll(async () => {
  [browser, code] = await Promise.all([launchChromium(), bundleHarness()]);
  context = await browser.newContext();
  page = await context.newPage();
  await loadHarness(page, code);
});
afterAll(async () => {
  await browser?.close();
});

type Attempt = Readonly<{ op: 'get' | 'put'; passphrase: string | null; key: string; value?: number[] }>;

/** Opens profile `name` in `on` as a page would, and does one operation. */
const attempt = (on: Page, name: string, a: Attempt) =>
  on.evaluate(
    ([n, p, op, key, value]) => {
      const h: StoreHarness = Reflect.get(globalThis, 'storeHarness');
      return h.withPassphrase(n, p, op, key, value);
    },
    [name, a.passphrase, a.op, a.key, a.value ?? []] as const,
  );

describe('IdbStore with a passphrase, in Chromium', () => {
  it('leaves no usable key in the browser’s files, and opens only with the passphrase', async () => {
    const passphrase = 'correct horse battery staple';
    const put = await attempt(page, 'sealed', { op: 'put', passphrase, key: 'identity', value: [1, 2, 3] });
    expect(put).toEqual({ ok: true, value: null });

    // What a thief with the profile's files finds: a wrapped key, no CryptoKey to use.
    const meta = await page.evaluate((n) => {
      const h: StoreHarness = Reflect.get(globalThis, 'storeHarness');
      return h.metaRecords(n);
    }, 'sealed');
    expect(meta).toEqual({ ids: ['wrapped-storage-key'], cryptoKeys: 0 });

    const later = await context.newPage();
    await loadHarness(later, code);
    expect(await attempt(later, 'sealed', { op: 'get', passphrase, key: 'identity' })).toEqual({
      ok: true,
      value: [1, 2, 3],
    });
    expect(
      await attempt(later, 'sealed', {
        op: 'get',
        passphrase: 'correct horse battery stapler',
        key: 'identity',
      }),
    ).toMatchObject({ ok: false, name: 'SealedDataError' });
    expect(await attempt(later, 'sealed', { op: 'get', passphrase: null, key: 'identity' })).toMatchObject({
      ok: false,
      message: 'this profile is sealed with a passphrase',
    });
    await later.close();
  });

  it('refuses a short passphrase for a new profile, and a passphrase for a profile made without one', async () => {
    expect(
      await attempt(page, 'short', { op: 'put', passphrase: 'hunter2', key: 'k', value: [1] }),
    ).toMatchObject({
      ok: false,
      name: 'WeakPassphraseError',
    });
    await attempt(page, 'plain', { op: 'put', passphrase: null, key: 'k', value: [1] });
    expect(
      await attempt(page, 'plain', { op: 'get', passphrase: 'correct horse battery staple', key: 'k' }),
    ).toMatchObject({ ok: false, message: 'this profile has no passphrase' });
  });
});
