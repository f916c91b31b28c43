import { authChallengeMessage, signWithLabel } from '@parley/crypto';
import {
  type Account,
  type DeviceEntry,
  type DeviceList,
  encodeDeviceList,
  fromBase64url,
  signedDeviceList,
  toBase64url,
  usernamePattern,
} from '@parley/protocol';
import type { HttpClient } from '../transport/http-client.ts';
import type { AccountDirectory } from './account-directory.ts';
import type { LocalIdentity } from './device-identity.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Registers the account with a version-1 device list naming this device, signed by the account key. */
export async function registerAccount(
  http: HttpClient,
  identity: LocalIdentity,
  jurisdiction: string | null,
): Promise<Account> {
  if (!identity.account) throw new Error('registering needs the account key');
  const list: DeviceList = {
    username: identity.username,
    version: 1,
    devices: [
      { deviceId: identity.deviceId, signatureKey: toBase64url(identity.device.publicKey), addedAt: today() },
    ],
  };
  return http.call('register', {
    body: {
      accountKey: toBase64url(identity.account.publicKey),
      deviceList: sign(identity, list),
      jurisdiction,
    },
  });
}

/** Logs the device in by signing the server's challenge with the device key; returns the bearer token. */
export async function login(http: HttpClient, identity: LocalIdentity): Promise<string> {
  const { username, deviceId } = identity;
  const { challenge } = await http.call('challenge', { body: { username, deviceId } });
  const message = authChallengeMessage(fromBase64url(challenge), username, deviceId);
  const signature = toBase64url(signWithLabel('auth', identity.device.privateKey, message));
  const session = await http.call('session', { body: { username, deviceId, challenge, signature } });
  http.token = session.token;
  return session.token;
}

/** What a new device shows (as text or QR) so a device holding the account key can approve it. */
export type LinkRequest = Readonly<{ username: string; deviceId: string; signatureKey: string }>;

const linkPrefix = 'PL1';

export function encodeLinkCode(request: LinkRequest): string {
  return [linkPrefix, request.username, request.deviceId, request.signatureKey].join(':');
}

export function decodeLinkCode(code: string): LinkRequest {
  const [prefix, username, deviceId, signatureKey, ...rest] = code.trim().split(':');
  if (
    prefix !== linkPrefix ||
    rest.length > 0 ||
    username === undefined ||
    !usernamePattern.test(username) ||
    deviceId === undefined ||
    !/^[A-Za-z0-9_-]{22}$/.test(deviceId) ||
    signatureKey === undefined ||
    !/^[A-Za-z0-9_-]{43}$/.test(signatureKey)
  ) {
    throw new RangeError('not a Parley link code');
  }
  return { username, deviceId, signatureKey };
}

/**
 * Signs and publishes the next device list with the new device in it. Only a device holding the account
 * key can do this (the first device of the account); other devices cannot approve links.
 */
export async function approveLink(
  http: HttpClient,
  directory: AccountDirectory,
  identity: LocalIdentity,
  request: LinkRequest,
): Promise<void> {
  if (!identity.account) throw new Error('only the device holding the account key can approve a new device');
  if (request.username !== identity.username) throw new RangeError('the link code is for another account');
  const current = await directory.get(identity.username, { refresh: true });
  if (current.list.devices.some((d) => d.deviceId === request.deviceId)) return;
  const entry: DeviceEntry = {
    deviceId: request.deviceId,
    signatureKey: request.signatureKey,
    addedAt: today(),
  };
  const list: DeviceList = {
    ...current.list,
    version: current.list.version + 1,
    devices: [...current.list.devices, entry],
  };
  const updated = await http.call('updateDeviceList', { body: { deviceList: sign(identity, list) } });
  await directory.accept(updated);
}

/**
 * Signs and publishes the next device list without `deviceId`: the server deletes the device and ends its
 * sessions, and every member that sees the shorter list removes it from their conversations in MLS.
 */
export async function revokeDevice(
  http: HttpClient,
  directory: AccountDirectory,
  identity: LocalIdentity,
  deviceId: string,
): Promise<void> {
  if (!identity.account) throw new Error('only the device holding the account key can remove a device');
  if (deviceId === identity.deviceId) throw new RangeError('a device cannot remove itself');
  const current = await directory.get(identity.username, { refresh: true });
  if (!current.list.devices.some((d) => d.deviceId === deviceId))
    throw new RangeError(`${deviceId} is not in the device list`);
  const list: DeviceList = {
    ...current.list,
    version: current.list.version + 1,
    devices: current.list.devices.filter((d) => d.deviceId !== deviceId),
  };
  const updated = await http.call('updateDeviceList', { body: { deviceList: sign(identity, list) } });
  await directory.accept(updated);
}

function sign(identity: LocalIdentity, list: DeviceList) {
  if (!identity.account) throw new Error('signing a device list needs the account key');
  const payload = encodeDeviceList(list);
  return signedDeviceList(payload, signWithLabel('device-list', identity.account.privateKey, payload));
}
