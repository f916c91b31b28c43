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
});
afterAll(async () => {
  await Promise.all([alice, bob, carol].map((d) => d?.disconnect()));
  await server?.close();
});

describe('the delivery service', () => {
  it('creates a group and accepts exactly one commit per epoch', async () => {
    expect((await alice.call('createGroup', { body: { groupId } })).status).toBe(201);
    expect((await alice.call('createGroup', { body: { groupId } })).body.error?.code).toBe('group_exists');

    const add = await alice.call('commit', {
      params: { groupId },
      body: commitBody(groupId, 0, { adds: [bob, carol] }),
    });
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ seq: 1, epoch: 1 });

    const stale = await bob.call('commit', {
      params: { groupId },
      body: commitBody(groupId, 0, { committerLeaf: 1 }),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_epoch', details: { currentEpoch: 1 } });
  });

  it('delivers the commit to existing members and the welcome only to the added devices', async () => {
    await bob.connect();
    const kinds = bob.messages(groupId).map((m) => [m.seq, m.kind]);
    expect(kinds).toEqual([[2, 'welcome']]);
    const page = await alice.call('messages', { params: { groupId }, query: { after: 0 } });
    expect(page.body.messages.map((m) => m.kind)).toEqual(['commit']);
  });

  it('pushes sends live in order, acknowledges them with a sequence number, and never echoes them', async () => {
    await alice.connect();
    const ids = Array.from({ length: 20 }, (_, i) => `m${i}`);
    for (const id of ids) alice.send({ type: 'send', id, groupId, payload: opaque() });
    await alice.waitFor((f) => f.type === 'sent' && f.id === 'm19');
    const sent = alice.frames.flatMap((f) => (f.type === 'sent' ? [f.seq] : []));
    expect(sent).toEqual(Array.from({ length: 20 }, (_, i) => 3 + i));
    await bob.waitFor((f) => f.type === 'message' && f.message.seq === 22);
    expect(bob.messages(groupId).map((m) => m.seq)).toEqual([2, ...sent]);
    // Alice's cursor moved with her commit, so catch-up at connect starts after it; live sends are never echoed.
    expect(alice.messages(groupId)).toEqual([]);
  });

  it('stores a retried send once', async () => {
    const first = await alice.call('send', {
      params: { groupId },
      body: { id: 'retry-1', payload: opaque() },
    });
    const again = await alice.call('send', {
      params: { groupId },
      body: { id: 'retry-1', payload: opaque() },
    });
    expect(again.body.seq).toBe(first.body.seq);
  });

  it('gives an offline member everything in order on reconnect, without duplicates', async () => {
    await carol.connect();
    const seqs = carol.messages(groupId).map((m) => m.seq);
    expect(seqs[0]).toBe(2);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBe(23);
    carol.send({ type: 'ack', groupId, seq: 23 });
    await new Promise((r) => setTimeout(r, 300));
    await carol.disconnect();
    carol.frames.length = 0;
    alice.send({ type: 'send', id: 'after-ack', groupId, payload: opaque() });
    await alice.waitFor((f) => f.type === 'sent' && f.id === 'after-ack');
    await carol.connect();
    expect(carol.messages(groupId).map((m) => m.seq)).toEqual([24]);
  });

  it('answers a malformed frame with an error and keeps serving that and every other connection', async () => {
    bob.ws?.send('{not json');
    await bob.waitFor((f) => f.type === 'error' && f.code === 'malformed_request');
    bob.send({ type: 'send', id: 'x', groupId: 'short', payload: '!!' });
    await bob.waitFor((f) => f.type === 'error' && f.code === 'validation_failed');
    bob.send({ type: 'send', id: 'nope', groupId: randomId(), payload: opaque() });
    await bob.waitFor((f) => f.type === 'error' && f.id === 'nope' && f.code === 'not_a_member');
    bob.send({ type: 'send', id: 'still-ok', groupId, payload: opaque() });
    await bob.waitFor((f) => f.type === 'sent' && f.id === 'still-ok');
    await alice.waitFor((f) => f.type === 'message' && f.message.seq === 25);
  });

  it('closes only the connection that sends an oversized frame', async () => {
    const closed = new Promise<number>((resolve) => carol.ws?.once('close', (code) => resolve(code)));
    carol.ws?.send('x'.repeat(200 * 1024));
    expect(await closed).toBe(1009);
    bob.send({ type: 'send', id: 'after-oversize', groupId, payload: opaque() });
    await bob.waitFor((f) => f.type === 'sent' && f.id === 'after-oversize');
  });

  it('stops delivering to a removed device after the commit that removes it', async () => {
    const epoch = (await alice.call('getGroup', { params: { groupId } })).body.epoch;
    const removed = await alice.call('commit', {
      params: { groupId },
      body: commitBody(groupId, epoch, { removes: [2] }),
    });
    expect(removed.status).toBe(201);
    await alice.call('send', { params: { groupId }, body: { id: 'post-removal', payload: opaque() } });
    carol.frames.length = 0;
    await carol.connect();
    expect(carol.messages(groupId).map((m) => m.kind)).toEqual(expect.arrayContaining(['commit']));
    expect(carol.messages(groupId).at(-1)?.seq).toBe(removed.body.seq);
    const members = await alice.call('getGroup', { params: { groupId } });
    expect(members.body.members.map((m) => m.username)).toEqual(['alice', 'bob']);
    const forbidden = await carol.call('send', { params: { groupId }, body: { id: 'z', payload: opaque() } });
    expect(forbidden.body.error?.code).toBe('not_a_member');
  });

  it('deletes a message once every member device has acknowledged it', async () => {
    const { seq } = (
      await alice.call('send', { params: { groupId }, body: { id: 'final', payload: opaque() } })
    ).body;
    await alice.call('ack', { params: { groupId }, body: { seq } });
    await carol.call('ack', { params: { groupId }, body: { seq } });
    await server.context.groups.sweep();
    const before = await server.context.db.selectFrom('group_messages').select('seq').execute();
    expect(before.length).toBeGreaterThan(0);
    await bob.call('ack', { params: { groupId }, body: { seq } });
    await server.context.groups.sweep();
    const after = await server.context.db.selectFrom('group_messages').select('seq').execute();
    expect(after).toEqual([]);
  });

  it('keeps a device’s order with many sends in flight, and answers a refused one among them by its id', async () => {
    const pipelined = randomId();
    await alice.call('createGroup', { body: { groupId: pipelined } });
    const add = commitBody(pipelined, 0, { adds: [bob] });
    await alice.call('commit', { params: { groupId: pipelined }, body: add });
    await bob.waitFor((f) => f.type === 'message' && f.message.groupId === pipelined);
    const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
    for (const id of ids)
      alice.send({ type: 'send', id, groupId: id === 'p15' ? randomId() : pipelined, payload: opaque() });
    await alice.waitFor((f) => f.type === 'sent' && f.id === 'p29');
    const answers = alice.frames.flatMap((f) =>
      (f.type === 'sent' || f.type === 'error') && f.id?.startsWith('p') ? [[f.id, f.type]] : [],
    );
    expect(answers.find(([id]) => id === 'p15')).toEqual(['p15', 'error']);
    const sent = alice.frames.flatMap((f) => (f.type === 'sent' && f.id.startsWith('p') ? [f] : []));
    expect(sent.map((f) => f.id)).toEqual(ids.filter((id) => id !== 'p15'));
    const seqs = sent.map((f) => f.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const last = seqs.at(-1) ?? 0;
    await bob.waitFor(
      (f) => f.type === 'message' && f.message.groupId === pipelined && f.message.seq === last,
    );
    const received = bob.messages(pipelined).filter((m) => m.kind === 'application');
    expect(received.map((m) => m.seq)).toEqual(seqs);
  });
});
