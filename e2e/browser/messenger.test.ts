import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { createServer, type ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../apps/web/scripts/build-if-stale.ts';
import {
  createAccount,
  messages,
  navigate,
  openApp,
  openConversation,
  type PageLog,
  screenshot,
  send,
  visible,
} from './support/app-driver.ts';
import { launchChromium } from './support/chromium.ts';
import { serverHoldsAny } from './support/server-plaintext.ts';

/** Every secret the scenario types; none may reach the server's database. */
const secrets = ['Weekend plans', 'hello from alice', 'hi alice, bob here', 'sent while carol was away'];

describe('the messenger in Chromium, against a real server serving the built app', () => {
  let server: ParleyServer;
  let browser: Browser;
  const pages = new Map<string, Page>();
  const page = (name: string): Page => {
    const found = pages.get(name);
    if (!found) throw new Error(`${name} has no page yet`);
    return found;
  };
  const logs: PageLog[] = [];

  beforeAll(async () => {
    const [, launched] = await Promise.all([ensureWebBuild(), launchChromium()]);
    browser = launched;
    server = await createServer({ port: 0, host: '127.0.0.1', webRoot: webDist });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates three accounts, each in its own browser profile, keys made in the page', async () => {
    for (const name of ['alice', 'bob', 'carol']) {
      const opened = await openApp(browser, server.url);
      logs.push(opened.log);
      pages.set(name, opened.page);
      await visible(opened.page.getByRole('heading', { name: 'Welcome to Parley' }));
      if (name === 'alice') await screenshot(opened.page, '01-welcome');
      await createAccount(opened.page, name, name === 'carol' ? 'DE' : undefined);
    }
  });

  it('creates a group and delivers messages end to end, in real time, with unread counts', async () => {
    const [alice, bob, carol] = [page('alice'), page('bob'), page('carol')];
    await alice.getByRole('link', { name: 'New conversation' }).click();
    await alice.getByLabel('Name').fill(secrets[0] ?? '');
    await alice.getByLabel('Members').fill('bob, carol');
    await alice.getByRole('button', { name: 'Create conversation' }).click();
    await visible(alice.getByRole('heading', { level: 1, name: 'Weekend plans' }));
    await send(alice, 'hello from alice');

    await visible(bob.getByRole('link', { name: /^Weekend plans .* 1 unread$/ }));
    await visible(bob.getByRole('link', { name: 'Chats 1 new' }));
    await screenshot(bob, '02-conversations');
    await openConversation(bob, 'Weekend plans');
    await visible(messages(bob).filter({ hasText: 'hello from alice' }));
    await visible(bob.getByRole('link', { name: 'Chats', exact: true }));
    await send(bob, 'hi alice, bob here');

    await visible(messages(alice).filter({ hasText: 'hi alice, bob here' }));
    await screenshot(alice, '03-conversation');
    await openConversation(carol, 'Weekend plans');
    await visible(messages(carol).filter({ hasText: 'hi alice, bob here' }));
  });

  it('catches up after the page was closed, from the profile kept in IndexedDB', async () => {
    const alice = page('alice');
    const context = page('carol').context();
    await page('carol').close();
    await send(alice, 'sent while carol was away');
    const carol = await context.newPage();
    pages.set('carol', carol);
    await carol.goto(`${server.url}/`);
    await visible(carol.getByRole('link', { name: /^Weekend plans .* 1 unread$/ }));
    await openConversation(carol, 'Weekend plans');
    expect(await messages(carol).allInnerTexts()).toEqual([
      expect.stringContaining('hello from alice'),
      expect.stringContaining('hi alice, bob here'),
      expect.stringContaining('sent while carol was away'),
    ]);
  });

  it('removes a member, who can no longer read what is sent next', async () => {
    const [alice, bob, carol] = [page('alice'), page('bob'), page('carol')];
    const members = alice.getByRole('region', { name: 'Members' });
    // Only admins remove: bob, who is not one, is told who can; alice created the conversation.
    const atBob = bob.getByRole('region', { name: 'Members' });
    await visible(atBob.getByText('Only the admins (alice) can remove people or name admins.'));
    expect(await atBob.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await members.getByRole('button', { name: 'Remove carol' }).click();
    // Nothing happens before the confirmation, which says what removal means.
    const confirm = alice.getByRole('region', { name: 'Confirm removing carol' });
    await visible(confirm.getByText('They cannot read anything sent afterwards'));
    await screenshot(alice, '04a-remove-confirm');
    await confirm.getByRole('button', { name: 'Yes, remove carol' }).click();
    await visible(carol.getByText('You were removed from this conversation.'));
    // Everyone still in the conversation sees who changed its roster, as a line of the conversation.
    await visible(messages(bob).filter({ hasText: 'alice removed carol' }));
    await members.getByRole('button', { name: 'Remove carol' }).waitFor({ state: 'detached' });
    await send(alice, 'carol must not read this');
    await visible(messages(bob).filter({ hasText: 'carol must not read this' }));
    // Bob has it; give carol's page the same time again before checking it never arrived.
    await bob.waitForTimeout(1000);
    expect(await messages(carol).allInnerTexts()).not.toContainEqual(
      expect.stringContaining('carol must not read this'),
    );
    expect(await carol.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await screenshot(carol, '04-removed');
  });

  it('shows the same safety number on both sides, with a QR code', async () => {
    const [alice, bob] = [page('alice'), page('bob')];
    await alice.goto(`${server.url}/contacts/bob`);
    await bob.goto(`${server.url}/contacts/alice`);
    const number = async (on: Page) => {
      const text = on.getByText(/^Safety number: [\d ]+$/);
      await text.waitFor({ state: 'attached', timeout: 30_000 });
      return (await text.textContent()) ?? '';
    };
    const [a, b] = await Promise.all([number(alice), number(bob)]);
    expect(a).toMatch(/^Safety number: (\d{5} ){11}\d{5}$/);
    expect(a).toBe(b);
    await visible(alice.getByRole('img', { name: 'Safety number QR code for bob' }));
    await visible(alice.getByText('Not verified yet.'));
    await screenshot(alice, '05-safety-number');
    // Compared and matched: the mark is remembered across a reload.
    await alice.getByRole('button', { name: 'Mark as verified' }).click();
    await visible(
      alice.getByRole('status').filter({ hasText: 'Verified: you compared this number with bob' }),
    );
    await alice.reload();
    await visible(
      alice.getByRole('status').filter({ hasText: 'Verified: you compared this number with bob' }),
    );
  });

  it('alerts both the account and its contacts when a device is added', async () => {
    const [alice, bob] = [page('alice'), page('bob')];
    const laptop = new ParleyClient({
      serverUrl: server.url,
      store: new MemoryStore(),
      socketFactory: nodeSocketFactory,
    });
    try {
      const code = await laptop.createLinkRequest('bob');
      await navigate(bob, 'Devices');
      await bob.getByLabel('Link code').fill(code);
      await bob.getByRole('button', { name: 'Approve device' }).click();
      await visible(bob.getByRole('status').filter({ hasText: 'approved' }));
      const accountCode = (await bob.getByText(/^\d{5}( \d{5}){5}$/).textContent()) ?? '';
      const table = bob.getByRole('table', { name: 'Devices of bob' });
      await table.getByRole('row').nth(2).waitFor();
      expect(await table.getByRole('row').count()).toBe(3);
      await laptop.completeLink(accountCode);
      await visible(alice.getByText('bob added a new device.'));
      await screenshot(bob, '06-devices');
      await screenshot(alice, '07-device-alert');

      // The laptop is lost: bob unlinks it, after a confirmation that says what it does.
      await table.getByRole('button', { name: `Unlink ${laptop.deviceId.slice(0, 8)}…` }).click();
      const confirm = bob.getByRole('region', { name: 'Confirm unlinking' });
      await visible(confirm.getByText('it cannot read anything sent afterwards'));
      await screenshot(bob, '07b-unlink-confirm');
      await confirm.getByRole('button', { name: 'Yes, unlink this device' }).click();
      await visible(bob.getByRole('status').filter({ hasText: 'unlinked' }));
      await table.getByRole('row').nth(2).waitFor({ state: 'detached' });
      expect(await table.getByRole('row').count()).toBe(2);
    } finally {
      await laptop.close();
    }
  });

  it('links a browser both ways, and a reload while it waits resumes with the same code', async () => {
    const alice = page('alice');
    const opened = await openApp(browser, server.url);
    const phone = opened.page;
    await phone.getByLabel('Your username').fill('alice');
    await phone.getByRole('button', { name: 'Link this browser' }).click();
    await visible(phone.getByRole('heading', { name: 'Approve this browser' }));
    const code = await phone.getByRole('textbox', { name: 'Link code', exact: true }).inputValue();
    await phone.reload();
    await visible(phone.getByRole('heading', { name: 'Approve this browser' }));
    expect(await phone.getByRole('textbox', { name: 'Link code', exact: true }).inputValue()).toBe(code);

    await navigate(alice, 'Devices');
    await alice.getByLabel('Link code').fill(code);
    await alice.getByRole('button', { name: 'Approve device' }).click();
    const accountCode = (await alice.getByText(/^\d{5}( \d{5}){5}$/).textContent()) ?? '';
    await screenshot(alice, '07c-account-code');

    // A mistyped code is refused before anything is trusted; the right one completes the link.
    await phone.getByLabel('Account code').fill('11111 22222 33333 44444 55555 66666');
    await phone.getByRole('button', { name: 'Check the code and continue' }).click();
    await visible(phone.getByText('This account code does not match'));
    await screenshot(phone, '07d-link-code-mismatch');
    await phone.getByLabel('Account code').fill(accountCode);
    await phone.getByRole('button', { name: 'Check the code and continue' }).click();
    await visible(phone.getByRole('heading', { name: 'Conversations' }));
    await visible(phone.getByRole('link', { name: /Weekend plans/ }));
    await phone.context().close();
  });

  it('shows the notices screen, and fits a phone screen', async () => {
    const alice = page('alice');
    await navigate(alice, 'Requests');
    await visible(alice.getByRole('heading', { name: 'Government requests about you' }));
    await visible(alice.getByText('No requests about your account have been notified to you.'));
    await screenshot(alice, '08-notices');
    await alice.setViewportSize({ width: 375, height: 740 });
    await openConversation(alice, 'Weekend plans');
    const overflow = await alice.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(alice, '09-conversation-phone');
  });

  it('sent nothing readable to the server, loaded nothing from elsewhere, and logged no errors', async () => {
    expect(await serverHoldsAny(server, secrets)).toEqual([]);
    for (const log of logs) {
      expect(log.foreignRequests).toEqual([]);
      expect(log.errors).toEqual([]);
      // A claim answers 404 no_key_package while a just-linked device has not published yet; the sdk retries.
      expect(log.failedResponses.filter((r) => r !== 'POST /v1/key-packages/claim 404')).toEqual([]);
    }
  });
});
