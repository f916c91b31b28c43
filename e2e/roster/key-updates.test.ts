/**
 * Post-compromise security in practice: a device that never changes the roster still refreshes its leaf keys
 * with a commit at least daily while active, and right after it joins. Checked with a clock the test moves.
 */
import type { ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hour = 60 * 60 * 1000;

describe('routine key updates', () => {
  let net: TestNetwork;
  let now = Date.now();
  const clock = () => now;
  let alice: ParleyClient;
  let bob: ParleyClient;
  let id = '';

  beforeAll(async () => {
    net = await startNetwork();
    alice = await net.addClient('alice', { clock });
    bob = await net.addClient('bob', { clock });
    const joined = nextEvent(bob, 'conversation-joined');
    ({ id } = await alice.createConversation('daily', ['bob']));
    await joined;
  });
  afterAll(async () => {
    await net?.close();
  });

  const epoch = async () =>
    (
      await net.server.context.db
        .selectFrom('groups')
        .select('epoch')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).epoch;

  it('a device that just joined refreshes its keys before its first message', async () => {
    const before = await epoch();
    const atAlice = nextEvent(alice, 'message');
    const updated = nextEvent(
      alice,
      'members-changed',
      (e) => e.added.length === 0 && e.removed.length === 0,
    );
    await bob.send(id, 'first words');
    await updated;
    expect((await atAlice).message.text).toBe('first words');
    expect(await epoch()).toBe(before + 1);
  });

  it('does not commit again within the day', async () => {
    const before = await epoch();
    now += 23 * hour;
    const atBob = nextEvent(bob, 'message');
    await alice.send(id, 'still the same day');
    await atBob;
    const atAlice = nextEvent(alice, 'message');
    await bob.send(id, 'same here');
    await atAlice;
    expect(await epoch()).toBe(before);
  });

  it('commits an update once a day has passed, before the next message, and both keep talking', async () => {
    const before = await epoch();
    now += 2 * hour;
    const atBob = nextEvent(bob, 'message');
    await alice.send(id, 'a new day');
    expect((await atBob).message.text).toBe('a new day');
    expect(await epoch()).toBe(before + 1);

    // Bob's last refresh was 25 hours ago too: his next message brings his own update.
    const atAlice = nextEvent(alice, 'message');
    await bob.send(id, 'morning');
    expect((await atAlice).message.text).toBe('morning');
    expect(await epoch()).toBe(before + 2);
  });

  it('an idle but connected device updates on reconnect once the day is over', async () => {
    const before = await epoch();
    now += 25 * hour;
    const updated = nextEvent(bob, 'members-changed', (e) => e.added.length === 0 && e.removed.length === 0);
    await alice.close();
    await alice.connect();
    await updated;
    expect(await epoch()).toBe(before + 1);
  });
});
