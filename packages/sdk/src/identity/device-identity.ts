import { type DeviceIdentity, generateSigningKeyPair, type SigningKeyPair } from '@parley/crypto';
import { fromBase64url, toBase64url } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import { randomId } from './random-id.ts';

/** This device's long-term secrets. The account key exists only on the device that registered the account. */
export type LocalIdentity = Readonly<{
  serverUrl: string;
  username: string;
  deviceId: string;
  device: SigningKeyPair;
  account: SigningKeyPair | undefined;
}>;

const key = 'identity';

/** A fresh device: random 16-byte id and Ed25519 key. */
export function newDevice(): Readonly<{ deviceId: string; device: SigningKeyPair }> {
  return {
    deviceId: randomId(),
    device: generateSigningKeyPair(),
  };
}

/** The MLS view of the device (its identity key is its MLS signature key). */
export function mlsIdentity(identity: LocalIdentity): DeviceIdentity {
  return {
    username: identity.username,
    deviceId: identity.deviceId,
    signaturePublicKey: identity.device.publicKey,
    signaturePrivateKey: identity.device.privateKey,
  };
}

export async function saveIdentity(store: ClientStore, identity: LocalIdentity): Promise<void> {
  const pair = (p: SigningKeyPair) => ({
    publicKey: toBase64url(p.publicKey),
    privateKey: toBase64url(p.privateKey),
  });
  await putJson(store, key, {
    serverUrl: identity.serverUrl,
    username: identity.username,
    deviceId: identity.deviceId,
    device: pair(identity.device),
    account: identity.account ? pair(identity.account) : null,
  });
}

export async function loadIdentity(store: ClientStore): Promise<LocalIdentity | undefined> {
  const raw = await getJson(store, key);
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw new Error('stored identity is malformed');
  const text = (name: string): string => {
    const value: unknown = Reflect.get(raw, name);
    if (typeof value !== 'string') throw new Error(`stored identity lacks ${name}`);
    return value;
  };
  const pair = (value: unknown): SigningKeyPair | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const publicKey: unknown = Reflect.get(value, 'publicKey');
    const privateKey: unknown = Reflect.get(value, 'privateKey');
    if (typeof publicKey !== 'string' || typeof privateKey !== 'string') return undefined;
    return { publicKey: fromBase64url(publicKey), privateKey: fromBase64url(privateKey) };
  };
  const device = pair(Reflect.get(raw, 'device'));
  if (device === undefined) throw new Error('stored identity lacks the device key');
  return {
    serverUrl: text('serverUrl'),
    username: text('username'),
    deviceId: text('deviceId'),
    device,
    account: pair(Reflect.get(raw, 'account')),
  };
}
