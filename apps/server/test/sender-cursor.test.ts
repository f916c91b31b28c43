import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { commitBody, opaque, RawDevice, randomId } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
let alice: RawDevice;
let bob: RawDevice;
let carol: RawDevice;
const groupId = randomId();

beforeAll(async () => {
  server = await startServer();
  alice = await RawDevice.register(server.url, 'alice');
  bob = await RawDevice.register(server.url, 'bob');
  carol = await RawDevice.register(server.url, 'carol');
  await alice.call('createGroup', { body: { groupId } });
  await alice.call('commit', {
    params: { groupId },
    body: commitBody(groupId, 0, { adds: [bob, carol] }),
  });
  for (const joined of [bob, carol]) await joined.call('ack', { params: { groupId }, body: { seq: 2 } });
});
afterAll(async () => server?.close());

/** What the operator sees: each device's delivery cursor in the group. */
async function cursors(): Promise<Record<string, number>> {
  const rows = await server.context.db
    .selectFrom('group_members')
    .select(['device_id', 'cursor'])
    .where('group_id', '=', groupId)
    .execute();
  const name = new Map([alice, bob, carol].map((d) => [d.deviceId, d.username]));
  return Object.fromEntries(rows.map((r) => [name.get(r.device_id) ?? r.device_id, r.cursor]));
}

const send = (device: RawDevice) =>
  device.call('send', { params: { groupId }, body: { id: randomId(), payload: opaque() } });

describe('the sender of a message is not the member left behind on it', () => {
  it('does not single out who committed', async () => {
    expect(await cursors()).toEqual({ alice: 2, bob: 2, carol: 2 });
  });

  it('moves the sender’s cursor with its send, so once the others acknowledge, all cursors agree', async () => {
    const sent = await send(bob);
    expect(sent.body.seq).toBe(3);
    for (const reader of [alice, carol]) await reader.call('ack', { params: { groupId }, body: { seq: 3 } });
    // Bob never acknowledges his own message; the operator still cannot tell him from the readers.
    expect(await cursors()).toEqual({ alice: 3, bob: 3, carol: 3 });
    await server.context.groups.sweep();
    const left = await server.context.db.selectFrom('group_messages').select('seq').execute();
    expect(left).toEqual([]);
  });

  it('covers several sends of one device in one batch', async () => {
    const [a, b] = await Promise.all([send(alice), send(alice)]);
    expect([a.body.seq, b.body.seq].sort()).toEqual([4, 5]);
    expect((await cursors()).alice).toBe(5);
  });

  it('never moves a sender past a message it has not acknowledged, so nothing is deleted unseen', async () => {
    // Carol is still behind on alice's 4 and 5 when she sends 6.
    const sent = await send(carol);
    expect(sent.body.seq).toBe(6);
    expect((await cursors()).carol).toBe(3);
    await server.context.groups.sweep();
    const left = await server.context.db.selectFrom('group_messages').select('seq').orderBy('seq').execute();
    expect(left.map((m) => m.seq)).toEqual([4, 5, 6]);
    const page = await carol.call('messages', { params: { groupId }, query: { after: 3 } });
    expect(page.body.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
  });
});
