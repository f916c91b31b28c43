import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings } from '../src/http/precompressed.ts';
import type { ParleyServer } from '../src/index.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
let root = '';
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i}`))};\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Parley</title>');
  await writeFile(join(root, 'assets', 'app-1a2b.js'), script);
  await writeFile(join(root, 'assets', 'app-1a2b.js.br'), brotliCompressSync(script));
  await writeFile(join(root, 'assets', 'app-1a2b.js.gz'), gzipSync(script));
  await writeFile(join(root, 'assets', 'only-gzip-3c4d.js'), script);
  await writeFile(join(root, 'assets', 'only-gzip-3c4d.js.gz'), gzipSync(script));
  server = await startServer({ webRoot: root });
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

type Raw = Readonly<{ headers: Readonly<Record<string, string | string[] | undefined>>; body: Buffer }>;

/** A GET with exactly these headers; fetch would add its own Accept-Encoding and decode the body. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressed web assets', () => {
  it('sends the brotli copy to a client that accepts br, with Content-Encoding and Vary', async () => {
    const r = await rawGet('/assets/app-1a2b.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers.vary).toBe('accept-encoding');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body.length).toBeLessThan(script.length / 2);
    expect(brotliDecompressSync(r.body).toString()).toBe(script);
  });

  it('sends gzip when that is all the client takes, or all the build made', async () => {
    const gzipOnly = await rawGet('/assets/app-1a2b.js', { 'accept-encoding': 'gzip' });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipOnly.body).toString()).toBe(script);
    const noBrotliCopy = await rawGet('/assets/only-gzip-3c4d.js', { 'accept-encoding': 'br, gzip' });
    expect(noBrotliCopy.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(noBrotliCopy.body).toString()).toBe(script);
  });

  it('sends the plain file when not asked, or when the client refuses the codings with q=0', async () => {
    const cases: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of cases) {
      const r = await rawGet('/assets/app-1a2b.js', headers);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers.vary).toBe('accept-encoding');
      expect(r.body.toString()).toBe(script);
    }
  });

  it('leaves a file with no compressed copy as it is, without Vary', async () => {
    const r = await rawGet('/', { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers.vary).toBeUndefined();
    expect(r.body.toString()).toContain('<title>Parley</title>');
  });
});

describe('acceptedEncodings', () => {
  it('reads names case-insensitively, drops q=0 and expands *', () => {
    expect([...acceptedEncodings('GZIP;q=0.5, br;q=0, deflate')]).toEqual(['gzip', 'deflate']);
    expect([...acceptedEncodings('*')]).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
