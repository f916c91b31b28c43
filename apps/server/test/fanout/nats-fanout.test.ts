import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFanout,
  FanoutBufferOverflowError,
  InProcessFanout,
  NatsConnectError,
  NatsFanout,
  type NatsFanoutOptions,
} from '../../src/fanout/index.ts';
import { collector, readU32, u32 } from './collector.ts';
import { TcpProxy } from './tcp-proxy.ts';

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('NatsFanout.connect without a server', () => {
  it('rejects with an error naming the URL', async () => {
    const url = `nats://127.0.0.1:${await closedPort()}`;
    const attempt = NatsFanout.connect({ url, name: 'parley-test' });
    await expect(attempt).rejects.toThrow(NatsConnectError);
    await expect(attempt).rejects.toThrow(`cannot connect to NATS at ${url}`);
  });

  it('keeps credentials in the URL out of the error', async () => {
    const port = await closedPort();
    const attempt = NatsFanout.connect({ url: `nats://alice:s3cret@127.0.0.1:${port}`, name: 'parley-test' });
    await expect(attempt).rejects.toThrow(`nats://***@127.0.0.1:${port}`);
    await expect(attempt).rejects.not.toThrow('s3cret');
  });

  it('makes createFanout fail at start rather than fall back to an island', async () => {
    await expect(createFanout({ natsUrl: `nats://127.0.0.1:${await closedPort()}` })).rejects.toThrow(
      NatsConnectError,
    );
    await using local = await createFanout({});
    expect(local).toBeInstanceOf(InProcessFanout);
  });
});

const natsUrls = [process.env.PARLEY_TEST_NATS_URL].filter(
  (url): url is string => url !== undefined && url !== '',
);

for (const natsUrl of natsUrls) {
  describe(`NatsFanout against ${natsUrl}`, () => {
    const open: AsyncDisposable[] = [];
    const prefix = `test-${randomUUID()}`;
    const errors: unknown[] = [];
    const options = (name: string, url = natsUrl): NatsFanoutOptions => ({
      url,
      prefix,
      name,
      onError: (error) => errors.push(error),
      reconnectDelay: { initialMs: 20, maxMs: 200 },
    });
    const connect = async (name: string, overrides: Partial<NatsFanoutOptions> = {}) => {
      const fanout = await NatsFanout.connect({ ...options(name), ...overrides });
      open.push(fanout);
      return fanout;
    };

    afterEach(async () => {
      await Promise.all(open.splice(0).map((resource) => resource[Symbol.asyncDispose]()));
      errors.length = 0;
    });

    it('shares one NATS subscription among the local handlers of a topic', async () => {
      const a = await connect('a');
      const b = await connect('b');
      const first = collector();
      const second = collector();
      const one = await b.subscribe('g.shared', first.handler);
      const two = await b.subscribe('g.shared', second.handler);
      expect(b.status().topics).toBe(1);
      const before = b.status().messagesIn;
      a.publish('g.shared', u32(1));
      a.publish('g.shared', u32(2));
      await Promise.all([first.until(2), second.until(2)]);
      await sleep(50);
      // Two NATS subscriptions would make the server send every message twice.
      expect(b.status().messagesIn - before).toBe(2);
      expect(first.received).toHaveLength(2);
      expect(second.received).toHaveLength(2);
      one.unsubscribe();
      expect(b.status().topics).toBe(1);
      two.unsubscribe();
      expect(b.status().topics).toBe(0);
    });

    it('resolves subscribe only once the server has the subscription, even over a slow link', async () => {
      await using slowLink = await TcpProxy.start(natsUrl, 100);
      const a = await connect('a');
      const b = await connect('b', { url: slowLink.url });
      for (let i = 0; i < 3; i++) {
        const inB = collector();
        await b.subscribe(`g.slow-${i}`, inB.handler);
        a.publish(`g.slow-${i}`, u32(i));
        await inB.until(1, 2_000);
      }
    });

    it('reconnects after a NATS outage, sending what was held up to the bound, in order', async () => {
      await using proxy = await TcpProxy.start(natsUrl);
      const a = await connect('a', { url: proxy.url, maxBufferedBytes: 8 });
      const b = await connect('b', { url: proxy.url });
      const inA = collector();
      await a.subscribe('g.outage', inA.handler);
      const seenByA: boolean[] = [];
      a.onConnectivity((connected) => seenByA.push(connected));

      await proxy.cut();
      await eventually(() => !a.status().connected && !b.status().connected, 'both to see the outage');
      expect(seenByA).toEqual([false]);
      for (let i = 0; i < 3; i++) a.publish('g.outage', u32(i));
      expect(a.status()).toMatchObject({ connected: false, bufferedBytes: 8, dropped: 1 });
      // Subscribing while NATS is away does not wait for it (a device signing in is not held up).
      const inB = collector();
      const started = performance.now();
      await b.subscribe('g.outage', inB.handler);
      expect(performance.now() - started).toBeLessThan(100);

      await proxy.resume();
      await eventually(() => seenByA.length === 2, 'a to announce it is back');
      expect(seenByA).toEqual([false, true]);
      // SUB is resent before held publications, so a's own handler sees them.
      await inA.until(2);
      expect(inA.received.map((m) => readU32(m))).toEqual([0, 1]);
      expect(errors).toEqual([new FanoutBufferOverflowError(1)]);
      expect(a.status()).toMatchObject({ connected: true, bufferedBytes: 0, dropped: 0 });

      // b may also see held publications, depending on which client got back first; never out of order.
      a.publish('g.outage', u32(7));
      await eventually(() => inB.received.some((m) => readU32(m) === 7), 'b to receive after the outage');
      const seenByB = inB.received.map((m) => readU32(m));
      expect([[7], [1, 7], [0, 1, 7]]).toContainEqual(seenByB);
    });

    it('finishes dispose within its bound while NATS is unreachable', async () => {
      await using proxy = await TcpProxy.start(natsUrl);
      const a = await NatsFanout.connect(options('a', proxy.url));
      await a.subscribe('g.gone', () => {});
      await proxy.cut();
      await eventually(() => !a.status().connected, 'the outage');
      a.publish('g.gone', u32(1));
      const started = Date.now();
      await a[Symbol.asyncDispose]();
      expect(Date.now() - started).toBeLessThan(6_000);
    });
  });
}
