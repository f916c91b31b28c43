import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, openConversation, screenshot, visible } from './support/app-driver.ts';
import { type MessengerWorld, startMessengerWorld } from './support/messenger-world.ts';

/** The header's connection line, as a screen reader reads it. */
const connection = (page: Page, state: string) =>
  page.getByRole('status').filter({ hasText: new RegExp(`^Connection: ${state} · `) });

/** A browser that loses its network (issue 15): the page says so, and recovers by itself. */
describe('the messenger offline, in Chromium against a real server', () => {
  let world: MessengerWorld;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    world = await startMessengerWorld(['alice', 'bob'], { conversation: 'Picnic' });
    [alice, bob] = [world.page('alice'), world.page('bob')];
  }, 120_000);
  afterAll(() => world?.close());

  it('says Offline in the header while the network is gone, then Connected again', async () => {
    await visible(connection(alice, 'Connected'));
    await alice.context().setOffline(true);
    await visible(connection(alice, 'Offline'));
    await screenshot(alice, '15c-offline');
    await alice.context().setOffline(false);
    await visible(connection(alice, 'Connected'));
  });

  it('shows messages written offline as not sent yet, and sends them in order once connected', async () => {
    await alice.context().setOffline(true);
    await visible(connection(alice, 'Offline'));
    const box = alice.getByRole('textbox', { name: 'Message' });
    for (const text of ['first while offline', 'second while offline']) {
      await box.fill(text);
      await box.press('Enter');
    }
    const notSent = messages(alice).filter({ hasText: 'Not sent yet' });
    await visible(notSent.filter({ hasText: 'second while offline' }));
    expect(await notSent.allTextContents()).toEqual([
      expect.stringContaining('first while offline'),
      expect.stringContaining('second while offline'),
    ]);
    await screenshot(alice, '15d-offline-pending');

    await alice.context().setOffline(false);
    await visible(connection(alice, 'Connected'));
    await expect.poll(() => notSent.count(), { timeout: 30_000 }).toBe(0);
    await visible(messages(alice).filter({ hasText: 'second while offline' }));
    await openConversation(bob, 'Picnic');
    await visible(messages(bob).filter({ hasText: 'second while offline' }));
    const atBob = await messages(bob).allTextContents();
    const first = atBob.findIndex((t) => t.includes('first while offline'));
    const second = atBob.findIndex((t) => t.includes('second while offline'));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
  });

  it('logged no errors in the pages', () => {
    for (const log of world.logs) {
      expect(log.errors).toEqual([]);
      expect(log.foreignRequests).toEqual([]);
    }
  });
});
