import { createServer, type ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, webDist } from '../../../apps/web/scripts/build-if-stale.ts';
import { createAccount, fillNewConversation, openApp, type PageLog, visible } from './app-driver.ts';
import { launchChromium } from './chromium.ts';

/** A real server serving the built app, and one signed-up browser profile per username. */
export type MessengerWorld = Readonly<{
  server: ParleyServer;
  browser: Browser;
  page: (username: string) => Page;
  logs: readonly PageLog[];
  close: () => Promise<void>;
}>;

/** With `conversation`, the first user starts one of that name with all the others, who see it listed. */
export async function startMessengerWorld(
  usernames: readonly string[],
  options: Readonly<{ conversation?: string }> = {},
): Promise<MessengerWorld> {
  const [, browser] = await Promise.all([ensureWebBuild(), launchChromium()]);
  const server = await createServer({ port: 0, host: '127.0.0.1', webRoot: webDist });
  const pages = new Map<string, Page>();
  const logs: PageLog[] = [];
  for (const name of usernames) {
    const opened = await openApp(browser, server.url);
    logs.push(opened.log);
    await createAccount(opened.page, name);
    pages.set(name, opened.page);
  }
  const [creator, ...others] = usernames.map((name) => pages.get(name));
  if (options.conversation && creator) {
    const name = options.conversation;
    await fillNewConversation(creator, name, usernames.slice(1).join(', '));
    await creator.getByRole('button', { name: 'Create conversation' }).click();
    await visible(creator.getByRole('heading', { level: 1, name }));
    for (const other of others)
      if (other) await visible(other.getByRole('link', { name: new RegExp(`^${name}`) }));
  }
  return {
    server,
    browser,
    logs,
    page: (username) => {
      const found = pages.get(username);
      if (!found) throw new Error(`${username} has no page`);
      return found;
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
