/**
 * The delivery service applies membership only as a commit states it, from the committer's own leaf, and
 * keeps the conversation's roles. Played by members whose clients lie, without running MLS (the commits are
 * well-formed PublicMessages that nobody signed; members would refuse them, the server must too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { commitBody, opaque, RawDevice, randomId } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
let ann: RawDevice;
let ben: RawDevice;
let cat: RawDevice;
let dan: RawDevice;
const groupId = randomId();
let epoch = 0;

async function commit(by: RawDevice, change: Parameters<typeof commitBody>[2]) {
  const answer = await by.call('commit', { params: { groupId }, body: commitBody(groupId, epoch, change) });
  if (answer.status === 201) epoch += 1;
  return answer;
}

beforeAll(async () => {
  server = await startServer();
  const register = (name: string) =>
    RawDevice.register(server.url, `${name}-${randomId().slice(0, 4).toLowerCase()}`);
  ann = await register('ann');
  ben = await register('ben');
  cat = await register('cat');
  dan = await register('dan');
  await ann.call('createGroup', { body: { groupId } });
  // ann (leaf 0, the creator and only admin) adds ben (leaf 1) and cat (leaf 2).
  expect((await commit(ann, { adds: [ben, cat] })).status).toBe(201);
});
afterAll(async () => server?.close());

const members = async () =>
  (await ann.call('getGroup', { params: { groupId } })).body.members.map((m) => m.deviceId).sort();

describe('membership the delivery service checks', () => {
  it('refuses a commit signed from another member’s leaf', async () => {
    const answer = await commit(ben, { committerLeaf: 0, removes: [2] });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid_mls_message');
    expect(answer.body.error?.message).toMatch(/another member's leaf/);
  });

  it('refuses a non-admin removing another account’s device, and nobody is cut off', async () => {
    const answer = await commit(ben, { committerLeaf: 1, removes: [2] });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('not_an_admin');
    const sent = await cat.call('send', { params: { groupId }, body: { id: randomId(), payload: opaque() } });
    expect(sent.status).toBe(201);
    expect(await members()).toEqual([ann.deviceId, ben.deviceId, cat.deviceId].sort());
  });

  it('refuses a non-admin naming admins, and an add of a device under a key its account does not list', async () => {
    expect(
      (await commit(ben, { committerLeaf: 1, admins: [ann.username, ben.username] })).body.error?.code,
    ).toBe('not_an_admin');
    const impostor = Object.create(dan, { signatureKey: { value: new Uint8Array(32).fill(7) } });
    const answer = await commit(ben, { committerLeaf: 1, adds: [impostor] });
    expect(answer.body.error?.code).toBe('member_unknown');
  });

  it('refuses the removal of an empty leaf', async () => {
    expect((await commit(ann, { removes: [9] })).body.error?.code).toBe('member_unknown');
  });

  it('applies what an admin’s commit states: a new admin, who then removes; the removed device stops', async () => {
    expect((await commit(ann, { admins: [ann.username, ben.username] })).status).toBe(201);
    expect((await commit(ben, { committerLeaf: 1, removes: [2] })).status).toBe(201);
    expect(await members()).toEqual([ann.deviceId, ben.deviceId].sort());
    const sent = await cat.call('send', { params: { groupId }, body: { id: randomId(), payload: opaque() } });
    expect(sent.body.error?.code).toBe('not_a_member');
    // dan is added into the leaf cat left, the leftmost free one: a commit from leaf 2 is now dan's.
    expect((await commit(ben, { committerLeaf: 1, adds: [dan] })).status).toBe(201);
    expect((await commit(dan, { committerLeaf: 2 })).status).toBe(201);
  });

  it('serves the latest GroupInfo to members only', async () => {
    const info = await dan.call('groupInfo', { params: { groupId } });
    expect(info.status).toBe(200);
    expect(info.body.epoch).toBe(epoch);
    expect((await cat.call('groupInfo', { params: { groupId } })).body.error?.code).toBe('not_a_member');
  });
});
