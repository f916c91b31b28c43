import { limits } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock, type ParleyServer } from '../src/index.ts';
import { commitBody, opaque, RawDevice, randomId } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });

describe('limits', () => {
  it('refuses WebSocket connections beyond the cap with 503 and keeps serving the others', async () => {
    server = await startServer({ maxConnections: 3 });
    const device = await RawDevice.register(server.url, 'ivy');
    await device.connect();
    const others = [await open(server.url), await open(server.url)];
    await expect(open(server.url)).rejects.toThrow('status 503');
    device.send({ type: 'ping', id: 'still-here' });
    await device.waitFor((f) => f.type === 'pong' && f.id === 'still-here');
    for (const ws of others) ws.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await open(server.url);
    again.close();
    await device.disconnect();
  });

  it('answers frames beyond the per-connection burst with rate_limited and keeps the connection', async () => {
    server = await startServer();
    const device = await RawDevice.register(server.url, 'lee');
    await device.connect();
    for (let i = 0; i < limits.wsFrameBurst + 50; i++) device.send({ type: 'ping', id: `p${i}` });
    await device.waitFor((f) => f.type === 'error' && f.code === 'rate_limited');
    await new Promise((r) => setTimeout(r, 1000));
    device.send({ type: 'ping', id: 'after' });
    await device.waitFor((f) => f.type === 'pong' && f.id === 'after');
    await device.disconnect();
  });

  it('closes a connection that does not authenticate, with the documented code', async () => {
    server = await startServer();
    const ws = await open(server.url);
    ws.send(JSON.stringify({ type: 'send', id: 'a', groupId: randomId(), payload: opaque() }));
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });

  it('refuses an HTTP body over the documented limit with payload_too_large', async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(4 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');

    // The same body sent chunked, with no length declared, is counted as it arrives.
    const chunks = [JSON.stringify({ pad: 'x'.repeat(4 * 1024 * 1024) })];
    const streamed = await fetch(`${server.url}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(chunk));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('payload_too_large');
  });

  it('deletes undelivered messages once they expire', async () => {
    const clock = new ManualClock('2026-11-28T10:00:00Z');
    server = await startServer({ clock, messageTtlMs: 24 * 3600 * 1000 });
    const jo = await RawDevice.register(server.url, 'joan');
    const kim = await RawDevice.register(server.url, 'kim');
    const groupId = randomId();
    await jo.call('createGroup', { body: { groupId } });
    await jo.call('commit', {
      params: { groupId },
      body: commitBody(groupId, 0, { adds: [kim] }),
    });
    await jo.call('send', { params: { groupId }, body: { id: 'soon-gone', payload: opaque() } });
    await server.context.groups.sweep();
    const count = async () =>
      (await server?.context.db.selectFrom('group_messages').select('seq').execute())?.length;
    // The commit went to joan alone (kim joins after it) and her own commit moved her cursor: it is gone.
    // The welcome and the message wait for kim.
    expect(await count()).toBe(2);
    clock.advance(23 * 3600 * 1000);
    await server.context.groups.sweep();
    expect(await count()).toBe(2);
    clock.advance(2 * 3600 * 1000);
    await server.context.groups.sweep();
    expect(await count()).toBe(0);
  });
});
