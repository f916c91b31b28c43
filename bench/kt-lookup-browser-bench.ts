/**
 * Lookup verification in the browser (issue 14's goal: 5 ms or less): Debian's Chromium, driven by
 * playwright-core, decodes and verifies whole lookup proofs with `@parley/key-directory` bundled as the web
 * app bundles it, against a directory of `--names` names after 100 epochs (as `key-directory-bench.ts`
 * measures in Node).
 *
 *   node --import tsx bench/kt-lookup-browser-bench.ts [--names 50] [--rounds 5]
 *
 * The first round warms the page's JIT and is left out of the figures.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeLookupProof, KeyDirectory } from '@parley/key-directory';
import { build } from 'esbuild';
import { launchChromium } from '../e2e/browser/support/chromium.ts';
import type { LookupBenchInput } from './kt-lookup.browser.ts';

const { values } = parseArgs({
  options: { names: { type: 'string', default: '50' }, rounds: { type: 'string', default: '5' } },
});
const names = Array.from({ length: Number(values.names) }, (_, i) => `user${i}`);
const rounds = Number(values.rounds);
const bytes32 = () => new Uint8Array(randomBytes(32));

const directory = new KeyDirectory({ origin: 'bench.example/kt', vrfSecretKey: bytes32() });
for (const name of names) directory.stage(name, { accountKey: bytes32(), deviceList: new Uint8Array(300) });
for (let e = 0; e < 100; e++) directory.publishEpoch();
const checkpoint = directory.checkpoint();
const input: LookupBenchInput = {
  origin: checkpoint.origin,
  size: checkpoint.size,
  rootHash: [...checkpoint.rootHash],
  vrfPublicKey: [...directory.vrfPublicKey],
  lookups: names.map((name) => ({ name, proof: [...encodeLookupProof(directory.lookup(name))] })),
  rounds: rounds + 1,
};

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./kt-lookup.browser.ts', import.meta.url))],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  minify: true,
});
const code = bundle.outputFiles[0]?.text ?? '';
const origin = 'http://localhost:9';
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.route(`${origin}/**`, (route) =>
    new URL(route.request().url()).pathname === '/bench.js'
      ? route.fulfill({ contentType: 'text/javascript', body: code })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>kt lookup bench</title><script type="module" src="/bench.js"></script>',
        }),
  );
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => typeof Reflect.get(window, 'ktLookupBench') === 'function');
  const times: number[] = await page.evaluate((arg) => Reflect.get(window, 'ktLookupBench')(arg), input);
  const measured = times.slice(names.length).sort((a, b) => a - b);
  const at = (q: number) => measured[Math.min(measured.length - 1, Math.floor(q * measured.length))] ?? 0;
  const mean = measured.reduce((a, b) => a + b, 0) / measured.length;
  const fmt = (n: number) => n.toFixed(2);
  console.log(
    `Chromium ${browser.version()}, ${names.length} names, 100 epochs, ${rounds} rounds after one warm-up`,
  );
  console.log('\n| measurement | result |\n|---|---|');
  console.log(
    `| verify one whole lookup in the browser | mean ${fmt(mean)} ms, median ${fmt(at(0.5))} ms, p95 ${fmt(at(0.95))} ms |`,
  );
  console.log(
    `| encoded lookup proof | ${input.lookups[0]?.proof.length ?? 0} B with a 300-byte device list |`,
  );
} finally {
  await browser.close();
}
