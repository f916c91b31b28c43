import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertText,
  fillNewConversation,
  navigate,
  openConversation,
  screenshot,
  send,
  visible,
} from './support/app-driver.ts';
import { type MessengerWorld, startMessengerWorld } from './support/messenger-world.ts';

/** What a new user meets in the first minutes (issue 15): mistakes explained, and a history usable by keyboard. */
describe('the messenger for a first-time user, in Chromium against a real server', () => {
  let world: MessengerWorld;
  let alice: Page;

  beforeAll(async () => {
    world = await startMessengerWorld(['alice', 'bob']);
    alice = world.page('alice');
  }, 120_000);
  afterAll(() => world?.close());

  it('refuses a conversation with an unknown username in plain words, keeps the form, and lists nothing', async () => {
    await fillNewConversation(alice, 'Book club', 'bob, nobody-here');
    await alice.getByRole('button', { name: 'Create conversation' }).click();
    expect(await alertText(alice)).toBe(
      'There is no Parley account called “nobody-here”. Check the spelling.',
    );
    expect(await alice.getByLabel('Name').inputValue()).toBe('Book club');
    expect(await alice.getByLabel('Members').inputValue()).toBe('bob, nobody-here');
    await screenshot(alice, '15a-new-conversation-unknown-user');

    await navigate(alice, 'Chats');
    await visible(alice.getByText('No conversations yet'));
    expect(await alice.getByRole('link', { name: /^Book club/ }).count()).toBe(0);
    // Still none after a reload: nothing was kept in the browser's store either.
    await alice.reload();
    await visible(alice.getByRole('heading', { name: 'Conversations' }));
    await visible(alice.getByText('No conversations yet'));
  });

  it('leaves nothing behind when the server cannot be reached, and says so', async () => {
    await fillNewConversation(alice, 'Trip', 'bob');
    await alice.context().setOffline(true);
    await alice.getByRole('button', { name: 'Create conversation' }).click();
    expect(await alertText(alice)).toBe(
      'Parley cannot reach its server. Check your connection, then try again.',
    );
    expect(await alice.getByLabel('Members').inputValue()).toBe('bob');
    await alice.context().setOffline(false);
    await navigate(alice, 'Chats');
    await visible(alice.getByText('No conversations yet'));
  });

  it('scrolls the message history by keyboard once tabbed to', async () => {
    await navigate(alice, 'Chats');
    await fillNewConversation(alice, 'Notes to self', '');
    await alice.getByRole('button', { name: 'Create conversation' }).click();
    await visible(alice.getByRole('heading', { level: 1, name: 'Notes to self' }));
    // A short window makes a few messages overflow the history.
    await alice.setViewportSize({ width: 1024, height: 480 });
    for (let i = 1; i <= 10; i++) await send(alice, `note number ${i}`);

    const history = alice.getByRole('region', { name: 'Message history' });
    const scrollTop = () => history.evaluate((el) => el.scrollTop);
    const bottom = await history.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(bottom).toBeGreaterThan(0);
    // From the screen's heading, the keyboard reaches the history past the link back to the list.
    const focused = () => history.evaluate((el) => el === document.activeElement);
    await alice.getByRole('heading', { level: 1, name: 'Notes to self' }).focus();
    for (let tabs = 0; tabs < 3 && !(await focused()); tabs++) await alice.keyboard.press('Tab');
    expect(await focused()).toBe(true);
    await alice.keyboard.press('Home');
    await expect.poll(scrollTop).toBe(0);
    await alice.keyboard.press('PageDown');
    await expect.poll(scrollTop).toBeGreaterThan(0);
    await alice.keyboard.press('End');
    await expect.poll(scrollTop).toBeGreaterThanOrEqual(bottom - 1);
    await alice.keyboard.press('PageUp');
    await expect.poll(scrollTop).toBeLessThan(bottom - 1);
    await screenshot(alice, '15b-history-keyboard');
  });

  it('says "You:" before your own last message in the list, and marks the admin among the members', async () => {
    await navigate(alice, 'Chats');
    await visible(alice.getByRole('link', { name: /^Notes to self You: note number 10/ }));
    await openConversation(alice, 'Notes to self');
    const members = alice.getByRole('region', { name: 'Members' });
    await visible(members.getByText(/^alice \(you\) · 1 device · admin$/));
  });

  it('logged no errors in the pages', () => {
    for (const log of world.logs) {
      expect(log.errors).toEqual([]);
      expect(log.foreignRequests).toEqual([]);
    }
  });
});
