import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, openConversation, screenshot, send, visible } from './support/app-driver.ts';
import { type MessengerWorld, startMessengerWorld } from './support/messenger-world.ts';
import { serverHoldsAny } from './support/server-plaintext.ts';

/** Replies quote the message they answer and reactions sit under theirs, end to end encrypted (issue 15). */
describe('replies and reactions in the messenger, in Chromium against a real server', () => {
  let world: MessengerWorld;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    world = await startMessengerWorld(['alice', 'bob'], { conversation: 'Lunch' });
    [alice, bob] = [world.page('alice'), world.page('bob')];
    await send(alice, 'pizza at noon?');
    await openConversation(bob, 'Lunch');
    await visible(messages(bob).filter({ hasText: 'pizza at noon?' }));
  }, 120_000);
  afterAll(() => world?.close());

  it('quotes the message a reply answers, on both sides', async () => {
    await bob.getByRole('button', { name: 'Reply to alice: pizza at noon?' }).click();
    await visible(bob.getByRole('status').filter({ hasText: 'Replying to alice: pizza at noon?' }));
    await send(bob, 'yes, the usual place');
    const reply = messages(alice).filter({ hasText: 'yes, the usual place' });
    await visible(reply);
    expect(await reply.first().getByRole('blockquote').textContent()).toBe(
      'In reply to alice: pizza at noon?',
    );
    await screenshot(alice, '15e-reply');
  });

  it('shows a reaction under the message it is on, with who reacted, in words', async () => {
    await alice.getByRole('button', { name: 'React with a thumbs up to bob: yes, the usual place' }).click();
    const onBob = messages(bob).filter({ hasText: 'yes, the usual place' }).first();
    await visible(onBob.getByRole('list', { name: 'Reactions' }).getByText('👍 alice'));
    const onAlice = messages(alice).filter({ hasText: 'yes, the usual place' }).first();
    await visible(onAlice.getByRole('list', { name: 'Reactions' }).getByText('👍 you'));
    await screenshot(bob, '15f-reaction');
  });

  it('sent nothing readable to the server and logged no errors', async () => {
    expect(await serverHoldsAny(world.server, ['pizza at noon?', 'yes, the usual place', '👍'])).toEqual([]);
    for (const log of world.logs) {
      expect(log.errors).toEqual([]);
      expect(log.foreignRequests).toEqual([]);
    }
  });
});
