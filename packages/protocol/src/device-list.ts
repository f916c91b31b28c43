import { fromBase64url, toBase64url } from './bytes.ts';
import { DeviceList, type SignedDeviceList } from './schemas.ts';

/** A signed device list decoded for verification: the exact signed bytes and what they say. */
export type DecodedDeviceList = Readonly<{ list: DeviceList; payload: Uint8Array; signature: Uint8Array }>;

/** Why a device list could not be decoded. */
export type DeviceListProblem = 'malformed' | 'username' | 'duplicate-device';

/**
 * Decodes (but does not verify) a signed device list, or says what is wrong with it so callers can answer
 * with a specific error.
 */
export function inspectDeviceList(
  signed: SignedDeviceList,
): DecodedDeviceList | { problem: DeviceListProblem } {
  let json: unknown;
  let payload: Uint8Array;
  try {
    payload = fromBase64url(signed.payload);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { problem: 'malformed' };
  }
  const parsed = DeviceList.safeParse(json);
  if (!parsed.success) {
    const usernameOnly = parsed.error.issues.every((i) => i.path.join('.') === 'username');
    return { problem: usernameOnly ? 'username' : 'malformed' };
  }
  const ids = new Set(parsed.data.devices.map((d) => d.deviceId));
  const keys = new Set(parsed.data.devices.map((d) => d.signatureKey));
  if (ids.size !== parsed.data.devices.length || keys.size !== parsed.data.devices.length) {
    return { problem: 'duplicate-device' };
  }
  return { list: parsed.data, payload, signature: fromBase64url(signed.signature) };
}

/** Decodes (but does not verify) a signed device list; null when it is not a well-formed list. */
export function decodeDeviceList(signed: SignedDeviceList): DecodedDeviceList | null {
  const decoded = inspectDeviceList(signed);
  return 'problem' in decoded ? null : decoded;
}

/** Serializes a device list into the bytes the account key signs. */
export function encodeDeviceList(list: DeviceList): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(list));
}

export function signedDeviceList(payload: Uint8Array, signature: Uint8Array): SignedDeviceList {
  return { payload: toBase64url(payload), signature: toBase64url(signature) };
}
