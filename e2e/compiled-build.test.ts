import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliBundle } from '../apps/cli/scripts/build.ts';
import { freshSchemaUrl } from '../apps/server/test/support/process.ts';
import { ensureWebBuild } from '../apps/web/scripts/build-if-stale.ts';

const run = promisify(execFile);
const databaseUrl = process.env.PARLEY_TEST_DATABASE_URL;
const natsUrl = process.env.PARLEY_TEST_NATS_URL;

/** The compiled `parley` run by plain node: no --import, no TypeScript loader, nothing but the bundle. */
function compiled(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [cliBundle, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', HOST: '127.0.0.1' },
  });
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d) => (err += String(d)));
    child.stdout?.on('data', (d) => {
      out += String(d);
      const port = /"event":"server.listening","port":(\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`compiled server exited with ${code}: ${err}`)));
  });
}

/** A GET with exactly these headers; fetch would add its own Accept-Encoding and decode the body. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('the compiled build', () => {
  let server: ChildProcess | undefined;
  let data = '';
  let storage: string[] = [];
  let dropSchema: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'parley-compiled-'));
    storage = ['--data', data];
    // On CI's PostgreSQL pass the bundle's pg and NATS imports are exercised too.
    if (databaseUrl) {
      const schema = await freshSchemaUrl(databaseUrl);
      storage = ['--database-url', schema.url, ...(natsUrl ? ['--nats-url', natsUrl] : [])];
      dropSchema = schema.drop;
    }
    await Promise.all([ensureWebBuild(), buildCli()]);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(data, { recursive: true, force: true });
    await dropSchema();
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../apps/cli/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const { stdout } = await run(process.execPath, [cliBundle, '--version'], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(stdout.trim()).toBe(version);
  });

  it('serves /health, the API and the web app with plain node, its scripts compressed when asked', async () => {
    server = compiled(['serve', '--port', '0', ...storage]);
    const url = await listening(server);
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${url}/log/checkpoint`)).status).toBe(200);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    // The page's entry and the chunks it preloads; the largest is well above the 1 KB compression floor.
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length, html).toBeGreaterThan(0);
    const fetched = await Promise.all(scripts.map(async (s) => ({ s, r: await rawGet(`${url}${s}`, {}) })));
    const { s: script, r: plain } = fetched.reduce((a, b) => (b.r.body.length > a.r.body.length ? b : a));
    expect(plain.headers['content-encoding']).toBeUndefined();
    const brotli = await rawGet(`${url}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toBe('accept-encoding');
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    const gzip = await rawGet(`${url}${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });
});
