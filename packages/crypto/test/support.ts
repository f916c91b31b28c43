import { bytesToHex } from '@noble/hashes/utils.js';
import {
  type CredentialPolicy,
  createKeyPackage,
  type DeviceIdentity,
  type Group,
  generateSigningKeyPair,
  processMessage,
} from '../src/index.js';

export function device(username: string, n: number): DeviceIdentity {
  const keys = generateSigningKeyPair();
  return {
    username,
    deviceId: `${String(n).padStart(2, '0')}AAAAAAAAAAAAAAAAAAAA`,
    signaturePublicKey: keys.publicKey,
    signaturePrivateKey: keys.privateKey,
  };
}

/** Stands in for the app's signed-device-list check: exactly these devices with exactly these keys. */
export function allow(...devices: DeviceIdentity[]): CredentialPolicy {
  const ok = new Set(devices.map((d) => `${d.username}:${d.deviceId}:${bytesToHex(d.signaturePublicKey)}`));
  return {
    isAuthorized: async (m) => ok.has(`${m.username}:${m.deviceId}:${bytesToHex(m.signatureKey)}`),
  };
}

export async function invite(d: DeviceIdentity) {
  return { device: d, ...(await createKeyPackage(d)) };
}

export async function expectApplication(group: Group, message: Uint8Array, policy: CredentialPolicy) {
  const result = await processMessage(group, message, policy);
  if (result.kind !== 'application') throw new Error(`expected application, got ${result.kind}`);
  return result;
}

export async function expectCommit(group: Group, message: Uint8Array, policy: CredentialPolicy) {
  const result = await processMessage(group, message, policy);
  if (result.kind !== 'commit') throw new Error(`expected commit, got ${result.kind}`);
  return result;
}
