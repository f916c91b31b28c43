import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../packages/sdk/test/store-contract.ts';
import { launchChromium } from './support/chromium.ts';
import { bundleHarness, loadHarness, PageStore } from './support/page-store.ts';
import type { StoreHarness } from './support/store-harness.browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let code = '';
let profiles = 0;

beforeAll(async () => {
  [browser, code] = await Promise.all([launchChromium(), bundleHarness()]);
  context = await browser.newContext();
  page = await context.newPage();
  await loadHarness(page, code);
});
afterAll(async () => {
  await browser?.close();
});

/** Every store gets its own IndexedDB database, so each contract case starts empty. */
storeContract('IdbStore in Chromium', async () => new PageStore(page, `contract-${profiles++}`));

describe('IdbStore at rest, in Chromium', () => {
  const harness = (p: Page) => ({
    raw: (name: string) =>
      p.evaluate((n) => {
        const h: StoreHarness = Reflect.get(globalThis, 'storeHarness');
        return h.rawRecords(n);
      }, name),
    extractable: (name: string) =>
      p.evaluate((n) => {
        const h: StoreHarness = Reflect.get(globalThis, 'storeHarness');
        return h.keyIsExtractable(n);
      }, name),
    copy: (name: string, from: string, to: string) =>
      p.evaluate(
        ([n, f, t]) => {
          const h: StoreHarness = Reflect.get(globalThis, 'storeHarness');
          return h.copyRecord(n, f, t);
        },
        [name, from, to] as const,
      ),
  });

  it('keeps values after the tab is closed and the profile opened again', async () => {
    await new PageStore(page, 'reopen').put('identity', Uint8Array.of(4, 5, 6));
    const later = await context.newPage();
    await loadHarness(later, code);
    expect(await new PageStore(later, 'reopen').get('identity')).toEqual(Uint8Array.of(4, 5, 6));
    await later.close();
  });

  it('stores only ciphertext, under a key that script cannot export', async () => {
    const store = new PageStore(page, 'at-rest');
    const text = new TextEncoder().encode('meet me at the usual place');
    await store.put('msg/g/0001', text);
    await store.put('msg/g/0002', text);
    const raw = await harness(page).raw('at-rest');
    expect(raw.keys).toEqual(['msg/g/0001', 'msg/g/0002']);
    const [first, second] = raw.bytes;
    expect(first?.length).toBe(text.length + 16);
    expect(new TextDecoder().decode(Uint8Array.from(first ?? []))).not.toContain('usual place');
    expect(first).not.toEqual(second);
    expect(await harness(page).extractable('at-rest')).toBe(false);
  });

  it('refuses a sealed value moved under another key name', async () => {
    const store = new PageStore(page, 'tamper');
    await store.put('a', Uint8Array.of(1));
    await store.put('b', Uint8Array.of(2));
    await harness(page).copy('tamper', 'a', 'b');
    await expect(store.get('b')).rejects.toThrow();
    expect(await store.get('a')).toEqual(Uint8Array.of(1));
  });

  it('gives another browser profile a different key, so its stores are unrelated', async () => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await loadHarness(otherPage, code);
    await new PageStore(page, 'isolated').put('k', Uint8Array.of(1));
    expect(await new PageStore(otherPage, 'isolated').get('k')).toBeUndefined();
    await other.close();
  });
});
