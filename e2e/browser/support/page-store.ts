import { fileURLToPath } from 'node:url';
import type { ClientStore } from '@parley/sdk';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { StoreHarness } from './store-harness.browser.ts';

const harnessEntry = fileURLToPath(new URL('./store-harness.browser.ts', import.meta.url));
/** WebCrypto needs a secure context: localhost is one. Playwright answers every request; none reaches a socket. */
export const harnessOrigin = 'http://localhost:9';

/** Bundles the in-page harness (IdbStore and helpers) into one ES module. */
export async function bundleHarness(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: harnessEntry, formats: ['es'], fileName: 'harness' },
    },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((o) => o.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the harness bundle produced no chunk');
}

/** Serves the harness at `harnessOrigin` inside this page and waits until it is loaded. */
export async function loadHarness(page: Page, code: string): Promise<void> {
  await page.route(`${harnessOrigin}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/harness.js') return route.fulfill({ contentType: 'text/javascript', body: code });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>store harness</title><script type="module" src="/harness.js"></script>',
    });
  });
  await page.goto(`${harnessOrigin}/`);
  await page.waitForFunction(() => Reflect.has(globalThis, 'storeHarness'));
}

type Op = 'get' | 'put' | 'delete' | 'list';
type Outcome =
  | Readonly<{ ok: true; value: unknown }>
  | Readonly<{ ok: false; name: string; message: string }>;

/** Runs one harness operation in the page; errors come back with their class (RangeError stays RangeError). */
async function call(page: Page, op: Op, args: readonly [string, string, number[]?]): Promise<unknown> {
  const outcome: Outcome = await page.evaluate(
    async ([op, name, key, value]): Promise<Outcome> => {
      const harness: StoreHarness = Reflect.get(globalThis, 'storeHarness');
      if (op === 'put') return harness.put(name, key, value ?? []);
      return harness[op](name, key);
    },
    [op, args[0], args[1], args[2]] as const,
  );
  if (outcome.ok) return outcome.value;
  throw outcome.name === 'RangeError' ? new RangeError(outcome.message) : new Error(outcome.message);
}

/**
 * A ClientStore whose every operation runs in the page, against the real IdbStore in Chromium's IndexedDB
 * and WebCrypto. The Node side only carries bytes across.
 */
export class PageStore implements ClientStore {
  readonly #page: Page;
  readonly #name: string;

  constructor(page: Page, name: string) {
    this.#page = page;
    this.#name = name;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const value = await call(this.#page, 'get', [this.#name, key]);
    return Array.isArray(value) ? Uint8Array.from(value.filter((b) => typeof b === 'number')) : undefined;
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    await call(this.#page, 'put', [this.#name, key, [...value]]);
  }

  async delete(key: string): Promise<void> {
    await call(this.#page, 'delete', [this.#name, key]);
  }

  async list(prefix: string): Promise<string[]> {
    const value = await call(this.#page, 'list', [this.#name, prefix]);
    return Array.isArray(value) ? value.filter((k) => typeof k === 'string') : [];
  }
}
