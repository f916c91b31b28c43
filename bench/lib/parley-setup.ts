import { randomBytes } from 'node:crypto';
import {
  authChallengeMessage,
  type CommittedLeaf,
  generateSigningKeyPair,
  signWithLabel,
  unsignedPublicCommit,
} from '@parley/crypto';
import {
  Challenge,
  CommitAccepted,
  encodeDeviceList,
  fromBase64url,
  GroupSummary,
  Session,
  signedDeviceList,
  toBase64url,
} from '@parley/protocol';
import type { z } from 'zod';
import { httpJson, sourceAddress } from './http-json.ts';

/** A registered, logged-in device and the one-to-one group it belongs to. */
export type Device = Readonly<{
  index: number;
  token: string;
  deviceId: string;
  groupId: string;
  /** How a commit that adds the device names it (relay devices have none). */
  leaf?: CommittedLeaf;
}>;

/** What a device needs to log in again (the S4 login storm). */
export type Credentials = Readonly<{ username: string; deviceId: string; privateKey: Uint8Array }>;

const randomId = (): string => toBase64url(crypto.getRandomValues(new Uint8Array(16)));
/** Node's randomBytes: getRandomValues refuses more than 64 KiB, and a welcome to 999 members is ~300 KB. */
/** A Welcome's or GroupInfo's MLS header (wire format 3 or 4) followed by `size` random bytes. */
const framed = (wireFormat: 3 | 4, size: number): string =>
  Buffer.concat([Uint8Array.of(0, 1, 0, wireFormat), randomBytes(size)]).toString('base64url');

/**
 * The epoch-0 commit by the creator (leaf 0) that adds these devices, as the delivery service reads one: a
 * PublicMessage stating the adds, padded to an MLS-like size, with a Welcome and GroupInfo of MLS-like sizes
 * (their sealed parts random).
 */
function addCommit(groupId: string, adds: readonly CommittedLeaf[]) {
  const commit = unsignedPublicCommit(
    { groupId: fromBase64url(groupId), epoch: 0, committerLeaf: 0 },
    { adds, padding: 400 },
  );
  return {
    epoch: 0,
    commit: toBase64url(commit),
    welcome: framed(3, 1500 + 300 * adds.length),
    groupInfo: framed(4, 600 + 200 * adds.length),
  };
}

async function call<S extends z.ZodType>(
  base: string,
  index: number,
  method: 'POST',
  path: string,
  body: unknown,
  schema: S,
  token?: string,
): Promise<z.output<S>> {
  const response = await httpJson(new URL(path, base), method, body, token, sourceAddress(index));
  if (response.status >= 300) {
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return schema.parse(response.body);
}

/** Registers one account with one device (a signed device list, as a real client does) and logs it in. */
async function registerDevice(base: string, index: number, runTag: string) {
  const username = `b${runTag}${index}`;
  const account = generateSigningKeyPair();
  const device = generateSigningKeyPair();
  const deviceId = randomId();
  const list = encodeDeviceList({
    username,
    version: 1,
    devices: [{ deviceId, signatureKey: toBase64url(device.publicKey), addedAt: '2026-11-28' }],
  });
  const deviceList = signedDeviceList(list, signWithLabel('device-list', account.privateKey, list));
  const registered = await httpJson(
    new URL('/v1/accounts', base),
    'POST',
    { accountKey: toBase64url(account.publicKey), deviceList },
    undefined,
    sourceAddress(index),
  );
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
  const credentials = { username, deviceId, privateKey: device.privateKey };
  const leaf = { username, deviceId, signatureKey: device.publicKey };
  return { deviceId, credentials, leaf, token: await logIn(base, index, credentials) };
}

/** Challenge login over HTTP: what a device does at every start before it opens its WebSocket. */
export async function logIn(base: string, index: number, who: Credentials): Promise<string> {
  const { username, deviceId } = who;
  const challenge = await call(base, index, 'POST', '/v1/auth/challenge', { username, deviceId }, Challenge);
  const bytes = Buffer.from(challenge.challenge, 'base64url');
  const signature = signWithLabel('auth', who.privateKey, authChallengeMessage(bytes, username, deviceId));
  const session = await call(
    base,
    index,
    'POST',
    '/v1/auth/session',
    { username, deviceId, challenge: challenge.challenge, signature: toBase64url(signature) },
    Session,
  );
  return session.token;
}

/** Runs `task` for 0..count-1 with at most `limit` in flight, so setup does not flood the server. */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/**
 * Registers `count` devices and pairs them (2k, 2k+1) in one-to-one groups: the first creates the group
 * and commits an add of the second (see `addCommit`).
 */
export async function setUpParley(base: string, count: number): Promise<Device[]> {
  const registered = await registerDevices(base, count);
  const groups = await pool(count / 2, 8, async (pair) => {
    const creator = registered[2 * pair];
    const joiner = registered[2 * pair + 1];
    if (!creator || !joiner) throw new Error('device count must be even');
    const groupId = randomId();
    await call(base, 2 * pair, 'POST', '/v1/groups', { groupId }, GroupSummary, creator.token);
    await call(
      base,
      2 * pair,
      'POST',
      `/v1/groups/${groupId}/commits`,
      addCommit(groupId, [joiner.leaf]),
      CommitAccepted,
      creator.token,
    );
    return groupId;
  });
  return registered.map((r, index) => ({ ...r, index, groupId: groups[Math.floor(index / 2)] ?? '' }));
}

/** Registers `count` devices, each its own account, from spread source addresses. */
export async function registerDevices(base: string, count: number, firstIndex = 0) {
  const runTag = randomId()
    .slice(0, 6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  return pool(count, 8, (i) => registerDevice(base, firstIndex + i, runTag));
}

/**
 * Creates one group per member list: its first device creates it and commits the add of all the others in
 * one commit (see `addCommit`), as an MLS client adding a batch of members does.
 */
export async function createGroups(
  base: string,
  devices: readonly Device[],
  memberLists: readonly (readonly number[])[],
): Promise<string[]> {
  return pool(memberLists.length, 4, async (g) => {
    const members = (memberLists[g] ?? []).map((i) => devices[i]);
    const [creator, ...rest] = members;
    if (!creator) throw new Error('empty group');
    const groupId = randomId();
    const adds = rest.flatMap((d) => (d?.leaf ? [d.leaf] : []));
    await call(base, creator.index, 'POST', '/v1/groups', { groupId }, GroupSummary, creator.token);
    await call(
      base,
      creator.index,
      'POST',
      `/v1/groups/${groupId}/commits`,
      addCommit(groupId, adds),
      CommitAccepted,
      creator.token,
    );
    return groupId;
  });
}

/** Relay devices: no accounts, the token names the device's group (the relay routes by it). */
export function relayDevices(count: number): Device[] {
  return Array.from({ length: count }, (_, index) => {
    const groupId = `pair${Math.floor(index / 2)}`;
    return { index, token: groupId, deviceId: `d${index}`, groupId };
  });
}
