import { utf8ToBytes } from '@noble/hashes/utils.js';

/** A device as the app knows it: the account name plus the device's id within the account. */
export type DeviceRef = Readonly<{ username: string; deviceId: string }>;

/** What a device needs to act in MLS; the MLS signature key is the device's Ed25519 identity key. */
export type DeviceIdentity = Readonly<{
  username: string;
  deviceId: string;
  signaturePublicKey: Uint8Array;
  signaturePrivateKey: Uint8Array;
}>;

/** A group member as seen in the current epoch's ratchet tree. */
export type Member = Readonly<{
  username: string;
  deviceId: string;
  signatureKey: Uint8Array;
  leafIndex: number;
}>;

/**
 * The MLS authentication service, supplied by the app (it checks the account's signed device list).
 * The wrapper consults it for every credential it meets: joining, adding, and processing commits.
 */
export interface CredentialPolicy {
  isAuthorized(
    member: Readonly<{ username: string; deviceId: string; signatureKey: Uint8Array }>,
  ): Promise<boolean>;
}

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;

export const isUsername = (text: string): boolean => USERNAME.test(text);

/** A group context extension in library-neutral terms. */
export type ContextExtension = Readonly<{ type: number; data: Uint8Array }>;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/** The BasicCredential identity bytes: UTF-8 of `${username}:${deviceId}`. */
export function credentialIdentity(device: DeviceRef): Uint8Array {
  if (!USERNAME.test(device.username)) throw new RangeError('invalid username');
  if (!DEVICE_ID.test(device.deviceId)) throw new RangeError('invalid deviceId');
  return utf8ToBytes(`${device.username}:${device.deviceId}`);
}

/** Parses a credential identity; undefined for anything that is not exactly a valid `username:deviceId`. */
export function parseCredentialIdentity(identity: Uint8Array | undefined): DeviceRef | undefined {
  if (identity === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(identity);
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  const username = text.slice(0, colon);
  const deviceId = text.slice(colon + 1);
  if (colon < 0 || !USERNAME.test(username) || !DEVICE_ID.test(deviceId)) return undefined;
  return { username, deviceId };
}

/** Same device and same key; a device that re-keyed is a different member for security decisions. */
export function sameMember(a: Omit<Member, 'leafIndex'>, b: Omit<Member, 'leafIndex'>): boolean {
  return (
    a.username === b.username &&
    a.deviceId === b.deviceId &&
    a.signatureKey.length === b.signatureKey.length &&
    a.signatureKey.every((byte, i) => byte === b.signatureKey[i])
  );
}
