import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
let root = '';
const indexHtml =
  '<!doctype html><title>Parley</title><script type="module" src="/assets/app-1a2b.js"></script>';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), indexHtml);
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'app-1a2b.css'), 'body{}');
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(tmpdir(), 'parley-web-secret.txt'), 'outside the web root');
  server = await startServer({ webRoot: root });
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(join(tmpdir(), 'parley-web-secret.txt'), { force: true });
});

const get = (path: string) => fetch(`${server.url}${path}`);

describe('the web app at /', () => {
  it('serves index.html at / and at app routes, with a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/chats/abc', '/devices']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(await response.text()).toBe(indexHtml);
    }
  });

  it('serves hashed assets as immutable with their content type, and other files revalidated', async () => {
    const script = await get('/assets/app-1a2b.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('/assets/app-1a2b.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await get('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing file with 404, never with the app', async () => {
    expect((await get('/assets/missing-0000.js')).status).toBe(404);
    expect((await get('/robots.txt')).status).toBe(404);
  });

  it('never shadows the API, the log, /health or /openapi.json', async () => {
    const missingApi = await get('/v1/no-such-route');
    expect(missingApi.status).toBe(404);
    expect(await missingApi.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(await (await get('/health')).json()).toMatchObject({ status: 'ok' });
    expect((await get('/openapi.json')).headers.get('content-type')).toContain('application/json');
    const log = await get('/log/no-such-resource');
    expect(log.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('does not serve files outside its root', async () => {
    for (const path of [
      '/../parley-web-secret.txt',
      '/%2e%2e/parley-web-secret.txt',
      '/assets/..%2f..%2fparley-web-secret.txt',
    ]) {
      const response = await get(path);
      expect(await response.text(), path).not.toContain('outside the web root');
    }
  });
});

describe('a server without a web root', () => {
  it('serves no app at /', async () => {
    const bare = await startServer();
    try {
      expect((await fetch(`${bare.url}/`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
