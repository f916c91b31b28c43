import { fromBase64url, toBase64url } from './bytes.ts';
import { DeviceList, type SignedDeviceList } from './schemas.ts';

/** A signed device list decoded for verification: the exact signed bytes and what they say. */
export type DecodedDeviceList = Readonly<{ list: DeviceList; payload: Uint8Array; signature: Uint8Array }>;

/**
 * Decodes (but does not verify) a signed device list. Returns null when the payload is not a well-formed
 * list, so callers answer with their own error.
 */
export function decodeDeviceList(signed: SignedDeviceList): DecodedDeviceList | null {
  try {
    const payload = fromBase64url(signed.payload);
    const parsed = DeviceList.safeParse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)),
    );
    if (!parsed.success) return null;
    const ids = new Set(parsed.data.devices.map((d) => d.deviceId));
    const keys = new Set(parsed.data.devices.map((d) => d.signatureKey));
    if (ids.size !== parsed.data.devices.length || keys.size !== parsed.data.devices.length) return null;
    return { list: parsed.data, payload, signature: fromBase64url(signed.signature) };
  } catch {
    return null;
  }
}

/** Serializes a device list into the bytes the account key signs. */
export function encodeDeviceList(list: DeviceList): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(list));
}

export function signedDeviceList(payload: Uint8Array, signature: Uint8Array): SignedDeviceList {
  return { payload: toBase64url(payload), signature: toBase64url(signature) };
}
