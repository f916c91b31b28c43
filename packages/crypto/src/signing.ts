import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** The purposes a Parley identity key may sign for; each gets its own prefix so signatures never cross over. */
export type SignatureLabel = 'device-list' | 'auth';

/** A device's Ed25519 identity key pair; the same key signs its MLS leaves. */
export type SigningKeyPair = Readonly<{ publicKey: Uint8Array; privateKey: Uint8Array }>;

const prefixes: Readonly<Record<SignatureLabel, Uint8Array>> = {
  'device-list': utf8ToBytes('parley-device-list-v1\n'),
  auth: utf8ToBytes('parley-auth-v1\n'),
};

/** Creates a fresh device identity key (32-byte seed, 32-byte public key). */
export function generateSigningKeyPair(): SigningKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { publicKey, privateKey: secretKey };
}

/** Signs `message` under a label so a device-list signature can never be replayed as a login, and vice versa. */
export function signWithLabel(
  label: SignatureLabel,
  privateKey: Uint8Array,
  message: Uint8Array,
): Uint8Array {
  return ed25519.sign(concatBytes(prefixes[label], message), privateKey);
}

/**
 * The exact bytes a labelled signature covers (label prefix || message), or undefined when the label,
 * key or signature is of the wrong type or length. Shared by every verifier so they check the same bytes.
 */
export function labelledInput(
  label: SignatureLabel,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Uint8Array | undefined {
  const prefix = Object.hasOwn(prefixes, label) ? prefixes[label] : undefined;
  if (prefix === undefined || !(publicKey instanceof Uint8Array) || !(signature instanceof Uint8Array))
    return undefined;
  if (!(message instanceof Uint8Array) || publicKey.length !== 32 || signature.length !== 64)
    return undefined;
  return concatBytes(prefix, message);
}

/**
 * Verifies a labelled signature. Returns false (never throws) on any malformed key, signature or label,
 * because the server calls it on untrusted input. Strict RFC 8032 checks (no ZIP-215 leniency).
 * Runs anywhere; the server uses the native verifier in `signing.node.ts`.
 */
export function verifyWithLabel(
  label: SignatureLabel,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const input = labelledInput(label, publicKey, message, signature);
  if (input === undefined) return false;
  try {
    return ed25519.verify(signature, input, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** The bytes a device signs (label 'auth') to log in: challenge || "\n" || username || "\n" || deviceId. */
export function authChallengeMessage(challenge: Uint8Array, username: string, deviceId: string): Uint8Array {
  const newline = Uint8Array.of(0x0a);
  return concatBytes(challenge, newline, utf8ToBytes(username), newline, utf8ToBytes(deviceId));
}
