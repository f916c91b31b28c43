import type { FetchLike, ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually, nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** How alice's network behaves: up, down, or delivering a send and then losing the server's answer. */
type Network = 'up' | 'down' | 'lose-send-answer' | 'fail-next-send';

describe('the outbox: messages written while the server cannot be reached', () => {
  let net: TestNetwork;
  let alice: ParleyClient;
  let bob: ParleyClient;
  let network: Network = 'up';
  let room: string;

  beforeAll(async () => {
    net = await startNetwork();
    const flaky: FetchLike = async (url, init) => {
      if (network === 'down') throw new TypeError('fetch failed');
      if (network === 'fail-next-send' && init.method === 'POST' && url.endsWith('/messages')) {
        network = 'up';
        throw new TypeError('connection reset');
      }
      const response = await fetch(url, init);
      const text = await response.text();
      if (network === 'lose-send-answer' && init.method === 'POST' && url.endsWith('/messages')) {
        network = 'down';
        throw new TypeError('connection reset');
      }
      return { status: response.status, text: async () => text };
    };
    alice = await net.addClient('alice', { fetch: flaky });
    bob = await net.addClient('bob');
    const joined = nextEvent(bob, 'conversation-joined');
    room = (await alice.createConversation('outbox', ['bob'])).id;
    await joined;
  });
  afterAll(() => net?.close());

  it('keeps them in order while down, and a send whose answer was lost is not stored twice', async () => {
    network = 'down';
    await alice.enqueue(room, 'one');
    await alice.enqueue(room, 'two');
    await alice.flushOutbox();
    expect((await alice.pendingMessages(room)).map((p) => p.text)).toEqual(['one', 'two']);

    // "one" reaches the server, but alice never hears so: it stays pending and is sent again later.
    network = 'lose-send-answer';
    await alice.flushOutbox();
    expect((await alice.pendingMessages(room)).map((p) => p.text)).toEqual(['one', 'two']);

    network = 'up';
    const sent: string[] = [];
    const off = alice.on('sent', (e) => sent.push(e.message.text));
    await alice.flushOutbox();
    off();
    expect(sent).toEqual(['one', 'two']);
    expect(await alice.pendingMessages(room)).toEqual([]);
    await eventually(async () => (await bob.messages(room)).some((m) => m.text === 'two'), 'bob has "two"');
    expect((await bob.messages(room)).filter((m) => !m.roster).map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('retries by itself while connected, when one send fails for a moment', async () => {
    await alice.connect();
    network = 'fail-next-send';
    const sent = nextEvent(alice, 'sent', (e) => e.message.text === 'three');
    await alice.enqueue(room, 'three');
    // No further call: the outbox tries again after a pause because the socket is open.
    await sent;
    expect(await alice.pendingMessages(room)).toEqual([]);
    await eventually(
      async () => (await bob.messages(room)).some((m) => m.text === 'three'),
      'bob has "three"',
    );
    expect((await bob.messages(room)).filter((m) => m.text === 'three')).toHaveLength(1);
  });
});
