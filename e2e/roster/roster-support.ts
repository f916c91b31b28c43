import { generateSigningKeyPair, signWithLabel, unsignedPublicCommit } from '@parley/crypto';
import {
  type DeviceList,
  decodeDeviceList,
  encodeDeviceList,
  fromBase64url,
  signedDeviceList,
  toBase64url,
} from '@parley/protocol';
import type { ClientStore, FetchLike, ParleyClient } from '@parley/sdk';
import type { ClientOverrides, TestNetwork } from '@parley/testkit';

/**
 * A fetch through which the server misbehaves on request: while `commits` is set every commit is refused
 * (a server holding back a removal), and each application ciphertext sent is recorded in `sends`.
 */
export function hostileFetch(flags: { commits: boolean; sends?: string[] }): FetchLike {
  return async (url, init) => {
    const post = init.method === 'POST';
    if (post && flags.sends && init.body && /\/v1\/groups\/[^/]+\/messages$/.test(url)) {
      flags.sends.push(String(JSON.parse(init.body).payload));
    }
    if (post && flags.commits && /\/v1\/groups\/[^/]+\/commits$/.test(url)) {
      const body = { error: { code: 'member_unknown', message: 'held back by the server' } };
      return { status: 409, text: async () => JSON.stringify(body) };
    }
    return fetch(url, init);
  };
}

/** Links a new device to `owner`'s account, approved by `owner`, and connects it. */
export async function linkDevice(
  net: TestNetwork,
  owner: ParleyClient,
  overrides: ClientOverrides = {},
): Promise<ParleyClient> {
  const device = net.blankClient(overrides);
  const code = await device.createLinkRequest(owner.username);
  const { accountCode } = await owner.approveDevice(code);
  await device.completeLink(accountCode);
  await device.connect();
  return device;
}

/** The MLS state and delivery position a client keeps for a conversation, read straight from its store. */
export async function storedGroup(
  store: ClientStore,
  conversationId: string,
): Promise<{ state: Uint8Array; lastSeq: number }> {
  const raw = await store.get(`group/${conversationId}`);
  if (!raw) throw new Error(`no stored group ${conversationId}`);
  const json: unknown = JSON.parse(new TextDecoder().decode(raw));
  return {
    state: fromBase64url(String(Reflect.get(Object(json), 'state'))),
    lastSeq: Number(Reflect.get(Object(json), 'lastSeq')),
  };
}

/**
 * A fetch through which, while `flags.on`, the server answers every lookup of `username` with an account of
 * its own: its key, signing a list that holds the real devices. A device that trusted it would be the
 * server's.
 */
export function forgedAccountFetch(username: string, flags: { on: boolean }): FetchLike {
  const attacker = generateSigningKeyPair();
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!flags.on || init.method !== 'GET' || !url.endsWith(`/v1/accounts/${username}`)) return response;
    const real = JSON.parse(await response.text());
    const decoded = decodeDeviceList(real.deviceList);
    if (!decoded) throw new Error('the real device list did not decode');
    const list: DeviceList = decoded.list;
    const payload = encodeDeviceList(list);
    const forged = {
      username,
      accountKey: toBase64url(attacker.publicKey),
      deviceList: signedDeviceList(payload, signWithLabel('device-list', attacker.privateKey, payload)),
    };
    return { status: 200, text: async () => JSON.stringify(forged) };
  };
}

/**
 * A malicious member's fetch: while `flags.forge` is set, the next commit it posts is replaced. `random`:
 * random bytes where the commit goes. `remove`: a well-formed commit from the member's own leaf that removes
 * leaf `flags.victimLeaf` (it is not an admin), the attack a delivery service that believes any commit
 * would carry out.
 */
export function commitForger(flags: {
  forge: 'random' | 'remove' | undefined;
  ownLeaf: number;
  victimLeaf: number;
}): FetchLike {
  return async (url, init) => {
    if (!flags.forge || init.method !== 'POST' || !/\/v1\/groups\/[^/]+\/commits$/.test(url) || !init.body)
      return fetch(url, init);
    const body = JSON.parse(init.body);
    const groupId = fromBase64url(String(url.split('/').at(-2)));
    const commit =
      flags.forge === 'random'
        ? crypto.getRandomValues(new Uint8Array(400))
        : unsignedPublicCommit(
            { groupId, epoch: body.epoch, committerLeaf: flags.ownLeaf },
            { removes: [flags.victimLeaf] },
          );
    return fetch(url, { ...init, body: JSON.stringify({ ...body, commit: toBase64url(commit) }) });
  };
}
