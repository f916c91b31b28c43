import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const day = 24 * 3600 * 1000;
let net: TestNetwork;
beforeAll(async () => {
  net = await startNetwork({ clients: 1 });
});
afterAll(async () => net?.close());

describe('a device’s KeyPackages over time', () => {
  it('publishes dated packages and replaces them when it connects within 30 days of their end', async () => {
    let now = new Date();
    const gwen = new ParleyClient({
      serverUrl: net.url,
      store: new MemoryStore(),
      socketFactory: nodeSocketFactory,
      clock: () => now.getTime(),
    });
    await gwen.register('gwen');
    const db = net.server.context.db;
    const published = () =>
      db
        .selectFrom('key_packages')
        .innerJoin('devices', 'devices.id', 'key_packages.device_id')
        .innerJoin('accounts', 'accounts.id', 'devices.account_id')
        .select(['key_packages.last_resort', 'key_packages.expires_on'])
        .where('accounts.username', '=', 'gwen')
        .execute();
    const first = await published();
    const firstEnd = first[0]?.expires_on ?? '';
    expect(first.length).toBeGreaterThan(5);
    expect(new Set(first.map((p) => p.expires_on))).toEqual(new Set([firstEnd]));
    expect(Date.parse(firstEnd) - Date.now()).toBeLessThanOrEqual(90 * day);

    // 57 days on, more than 30 are left (the lifetime began the day before registering): nothing is replaced.
    now = new Date(Date.now() + 57 * day);
    const synced = new Promise<void>((resolve) => gwen.on('synced', () => resolve()));
    await gwen.connect();
    await synced;
    // The check runs in the background after `synced`; give it time to have uploaded, were it going to.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await gwen.close();
    expect(await published()).toEqual(first);

    // 61 days on, fewer than 30 are left: a fresh batch and a new last-resort package.
    now = new Date(Date.now() + 61 * day);
    await gwen.connect();
    await eventually(async () => (await published()).some((p) => p.expires_on > firstEnd), 'fresh packages');
    await eventually(
      async () => (await published()).some((p) => p.last_resort && p.expires_on > firstEnd),
      'a fresh last-resort package',
    );
    const after = await published();
    expect(after.filter((p) => p.last_resort)).toHaveLength(1);

    // Someone adding gwen now gets a package that is still valid.
    const [alice] = net.clients;
    if (alice === undefined) throw new Error('expected alice');
    const joined = new Promise<void>((resolve) => gwen.on('conversation-joined', () => resolve()));
    await alice.createConversation('later', ['gwen']);
    await joined;
    await gwen.close();
  });

  it('replaces packages published before they had a lifetime on its first connection', async () => {
    const store = new MemoryStore();
    const hal = new ParleyClient({ serverUrl: net.url, store, socketFactory: nodeSocketFactory });
    await hal.register('hal');
    const count = async () =>
      (
        await net.server.context.db
          .selectFrom('key_packages')
          .innerJoin('devices', 'devices.id', 'key_packages.device_id')
          .innerJoin('accounts', 'accounts.id', 'devices.account_id')
          .select('key_packages.id')
          .where('accounts.username', '=', 'hal')
          .execute()
      ).length;
    const before = await count();
    // A profile from before lifetimes has no record of when its packages were published.
    await store.delete('kp-published');
    await hal.connect();
    await eventually(
      async () => (await count()) > before && (await store.get('kp-published')) !== undefined,
      'a fresh batch, recorded',
    );
    await hal.close();
  });
});
