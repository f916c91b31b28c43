import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchemaUrl, type ServerProcess, spawnServer } from './support/process.ts';
import { commitBody, opaque, RawDevice, randomId } from './support/raw-client.ts';

const databaseUrl = process.env.PARLEY_TEST_DATABASE_URL;
const sharedNatsUrl = process.env.PARLEY_TEST_NATS_URL;

/** Storage for a server process: a PGlite directory, or a PostgreSQL schema when CI provides one. */
async function storage(): Promise<{ args: string[]; cleanup: () => Promise<void> }> {
  if (databaseUrl) {
    const schema = await freshSchemaUrl(databaseUrl);
    return { args: ['--database-url', schema.url], cleanup: schema.drop };
  }
  const dir = await mkdtemp(join(tmpdir(), 'parley-'));
  return { args: ['--data', dir], cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe('a server process killed with SIGKILL', () => {
  let store: Awaited<ReturnType<typeof storage>>;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    store = await storage();
  });
  afterAll(async () => {
    await server?.kill();
    await store?.cleanup();
  });

  it('loses nothing it acknowledged: every recipient gets every acknowledged message exactly once', async () => {
    server = await spawnServer(store.args);
    const sender = await RawDevice.register(server.url, 'sender');
    const reader = await RawDevice.register(server.url, 'reader');
    const groupId = randomId();
    await sender.call('createGroup', { body: { groupId } });
    await sender.call('commit', {
      params: { groupId },
      body: commitBody(groupId, 0, { adds: [reader] }),
    });
    await sender.connect();
    const total = 300;
    for (let i = 0; i < total; i++) sender.send({ type: 'send', id: `k${i}`, groupId, payload: opaque() });
    await sender.waitFor((f) => f.type === 'sent' && f.id === `k${total - 1}`, 30_000);
    const acknowledged = sender.frames.flatMap((f) => (f.type === 'sent' ? [f.seq] : []));
    expect(acknowledged).toHaveLength(total);
    await server.kill('SIGKILL');

    server = await spawnServer(store.args);
    const rehomed = reader.at(server.url);
    await rehomed.connect();
    const received = rehomed.messages(groupId).flatMap((m) => (m.kind === 'application' ? [m.seq] : []));
    expect(received).toEqual(acknowledged);
  });
});

// Needs a database two processes can share: runs in CI's PostgreSQL and NATS pass.
const shared = databaseUrl && sharedNatsUrl ? [{ natsUrl: sharedNatsUrl }] : [];

describe.each(shared)('two server processes over PostgreSQL and NATS ($natsUrl)', ({ natsUrl }) => {
  let store: Awaited<ReturnType<typeof storage>>;
  let nodes: ServerProcess[] = [];
  beforeAll(async () => {
    store = await storage();
    nodes = [await spawnServer([...store.args, '--nats-url', natsUrl])];
    nodes.push(await spawnServer([...store.args, '--nats-url', natsUrl]));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    await store?.cleanup();
  });

  it('delivers live across processes, in order, both ways', async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error('nodes did not start');
    const lin = await RawDevice.register(a.url, 'lin');
    const max = await RawDevice.register(b.url, 'max');
    const groupId = randomId();
    await lin.call('createGroup', { body: { groupId } });
    await lin.connect();
    await max.connect();
    await lin.call('commit', {
      params: { groupId },
      body: commitBody(groupId, 0, { adds: [max] }),
    });
    await max.waitFor((f) => f.type === 'message' && f.message.kind === 'welcome');
    for (let i = 0; i < 50; i++) lin.send({ type: 'send', id: `a${i}`, groupId, payload: opaque() });
    for (let i = 0; i < 50; i++) max.send({ type: 'send', id: `b${i}`, groupId, payload: opaque() });
    await lin.waitFor((f) => f.type === 'sent' && f.id === 'a49');
    await max.waitFor((f) => f.type === 'sent' && f.id === 'b49');
    const sentBy = (d: RawDevice) => d.frames.flatMap((f) => (f.type === 'sent' ? [f.seq] : []));
    const last = Math.max(...sentBy(lin), ...sentBy(max));
    await max.waitFor((f) => f.type === 'message' && f.message.seq === Math.max(...sentBy(lin)), 10_000);
    await lin.waitFor((f) => f.type === 'message' && f.message.seq === Math.max(...sentBy(max)), 10_000);
    // When the two processes' publications interleave, a gap is filled from the database, which does not know
    // senders: a device can then see one of its own sends again and recognises it by the seq in `sent`.
    const got = (d: RawDevice) =>
      d
        .messages(groupId)
        .flatMap((m) => (m.kind === 'application' && !sentBy(d).includes(m.seq) ? [m.seq] : []));
    expect(got(max)).toEqual(sentBy(lin));
    expect(got(lin)).toEqual(sentBy(max));
    for (const d of [lin, max]) {
      const all = d.messages(groupId).map((m) => m.seq);
      expect(all).toEqual([...new Set(all)].sort((x, y) => x - y));
    }
    expect(last).toBe(102);
    await Promise.all([lin.disconnect(), max.disconnect()]);
  });
});
