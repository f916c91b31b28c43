import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64 } from './base64.ts';
import { concatBytes, hasControlChar, isWellFormed, utf8 } from './bytes.ts';
import { FormatError } from './errors.ts';

/** Signed-note signature type bytes (c2sp.org/signed-note §Signature types) that this package speaks. */
export const SignatureType = { ed25519: 0x01, cosignatureV1: 0x04 } as const;

/** One of the signature types above. */
export type SignatureTypeByte = (typeof SignatureType)[keyof typeof SignatureType];

/** A parsed verifier key (vkey): who signs, with which algorithm and key. */
export type VerifierKey = Readonly<{
  name: string;
  keyId: number;
  type: SignatureTypeByte;
  publicKey: Uint8Array;
}>;

/** Key names are non-empty, well-formed, with no Unicode space and no '+', so lines and vkeys split unambiguously. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 && isWellFormed(name) && !/[\p{White_Space}+]/u.test(name) && !hasControlChar(name, false)
  );
}

function checkName(name: string): void {
  if (!isValidKeyName(name)) throw new FormatError(`invalid key name ${JSON.stringify(name)}`);
}

/** key ID = SHA-256(name || 0x0A || type || public key)[:4] as a big-endian uint32. */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  checkName(name);
  const h = sha256(concatBytes(utf8(`${name}\n`), Uint8Array.of(type), publicKey));
  return new DataView(h.buffer, h.byteOffset, 4).getUint32(0);
}

/** The 8 lower-case hex digits used for key IDs in vkeys. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function checkKeyType(type: number | undefined, key: Uint8Array): SignatureTypeByte {
  if (type !== SignatureType.ed25519 && type !== SignatureType.cosignatureV1) {
    throw new FormatError(`unsupported signature type ${String(type)}`);
  }
  if (key.length !== 32) throw new FormatError('Ed25519 public key must be 32 bytes');
  return type;
}

/** Splits `name+keyid+key` at the first two '+'; the base64 key itself may contain '+'. */
function splitKey(text: string): Readonly<{ name: string; idHex: string; keyB64: string }> {
  const i = text.indexOf('+');
  const j = text.indexOf('+', i + 1);
  if (i < 0 || j < 0) throw new FormatError('key must be name+keyid+key');
  const name = text.slice(0, i);
  const idHex = text.slice(i + 1, j);
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new FormatError('key ID must be 8 lower-case hex digits');
  return { name, idHex, keyB64: text.slice(j + 1) };
}

/** Formats a vkey: `name+hex(keyId)+base64(type || publicKey)`. */
export function formatVerifierKey(name: string, type: SignatureTypeByte, publicKey: Uint8Array): string {
  checkKeyType(type, publicKey);
  const keyId = computeKeyId(name, type, publicKey);
  return `${name}+${keyIdHex(keyId)}+${toBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** Parses a vkey, rejecting unknown types and a key ID that does not match the key (a typo or a swap). */
export function parseVerifierKey(vkey: string): VerifierKey {
  const { name, idHex, keyB64 } = splitKey(vkey);
  const raw = fromBase64(keyB64);
  const publicKey = raw.slice(1);
  const type = checkKeyType(raw[0], publicKey);
  const keyId = computeKeyId(name, type, publicKey);
  if (keyIdHex(keyId) !== idHex) throw new FormatError('vkey key ID does not match its key');
  return { name, keyId, type, publicKey };
}

/** Formats an Ed25519 skey: `PRIVATE+KEY+name+hex(keyId)+base64(0x01 || seed)`. */
export function formatSignerKey(name: string, seed: Uint8Array, publicKey: Uint8Array): string {
  if (seed.length !== 32) throw new FormatError('Ed25519 seed must be 32 bytes');
  const keyId = computeKeyId(name, SignatureType.ed25519, publicKey);
  return `PRIVATE+KEY+${name}+${keyIdHex(keyId)}+${toBase64(concatBytes(Uint8Array.of(SignatureType.ed25519), seed))}`;
}

/**
 * Parses an Ed25519 skey. The key ID is checked by the caller against the derived public key
 * (see ed25519-note.ts), since deriving it needs the curve.
 */
export function parseSignerKeyText(
  skey: string,
): Readonly<{ name: string; keyIdHex: string; seed: Uint8Array }> {
  const prefix = 'PRIVATE+KEY+';
  if (!skey.startsWith(prefix)) throw new FormatError('skey must start with PRIVATE+KEY+');
  const { name, idHex, keyB64 } = splitKey(skey.slice(prefix.length));
  const raw = fromBase64(keyB64);
  if (raw[0] !== SignatureType.ed25519 || raw.length !== 33)
    throw new FormatError('skey must hold an Ed25519 seed');
  return { name, keyIdHex: idHex, seed: raw.slice(1) };
}
