import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type ServerProcess, spawnServer } from './support/process.ts';

let server: ServerProcess | undefined;
let dir = '';
afterAll(async () => {
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const connect = (url: string) =>
  new Promise<WebSocket | number>((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });

describe('a server process near its open-files limit', () => {
  it('takes its cap from the limit, refuses beyond it with 503, and keeps running', async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-fd-'));
    // 1,100 descriptors: the server keeps 1,000 in reserve, so it accepts 100 WebSocket connections.
    server = await spawnServer(['--data', dir], ['prlimit', '--nofile=1100:1100', '--']);
    const results: (WebSocket | number)[] = [];
    for (let i = 0; i < 110; i++) results.push(await connect(server.url));
    const open = results.filter((r): r is WebSocket => r instanceof WebSocket);
    const refused = results.filter((r) => r === 503);
    expect(open).toHaveLength(100);
    expect(refused).toHaveLength(10);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    for (const ws of open.slice(0, 5)) ws.close();
    await new Promise((r) => setTimeout(r, 200));
    const again = await connect(server.url);
    expect(again).toBeInstanceOf(WebSocket);
    for (const ws of [...open, again]) if (ws instanceof WebSocket) ws.terminate();
    expect(server.child.exitCode).toBeNull();
  });
});
