import { ed25519 } from '@noble/curves/ed25519.js';
import { FormatError } from './errors.ts';
import {
  computeKeyId,
  formatSignerKey,
  formatVerifierKey,
  keyIdHex,
  parseSignerKeyText,
  parseVerifierKey,
  SignatureType,
} from './note-key.ts';
import type { NoteSigner, NoteVerifier } from './note-verify.ts';

/**
 * Strict RFC 8032 verification (not ZIP-215), so every verifier of the public log agrees on which
 * signatures are valid; malformed inputs are simply invalid.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** An Ed25519 note signer (type 0x01) from a 32-byte seed. */
export function createEd25519Signer(name: string, seed: Uint8Array): NoteSigner {
  if (seed.length !== 32) throw new FormatError('Ed25519 seed must be 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = computeKeyId(name, SignatureType.ed25519, publicKey);
  const secret = seed.slice();
  return { name, keyId, sign: (text) => ed25519.sign(text, secret) };
}

/** An Ed25519 note verifier (type 0x01) from a 32-byte public key. */
export function createEd25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (publicKey.length !== 32) throw new FormatError('Ed25519 public key must be 32 bytes');
  const keyId = computeKeyId(name, SignatureType.ed25519, publicKey);
  const key = publicKey.slice();
  return { name, keyId, verify: (text, signature) => verifyEd25519(signature, text, key) };
}

/** Parses an skey into a signer, rejecting it if its key ID does not match the derived public key. */
export function signerFromKey(skey: string): NoteSigner {
  const { name, keyIdHex: idHex, seed } = parseSignerKeyText(skey);
  const signer = createEd25519Signer(name, seed);
  if (keyIdHex(signer.keyId) !== idHex) throw new FormatError('skey key ID does not match its key');
  return signer;
}

/** Parses an Ed25519 (type 0x01) vkey into a verifier; cosigner vkeys go to cosignatureVerifierFromKey. */
export function verifierFromKey(vkey: string): NoteVerifier {
  const key = parseVerifierKey(vkey);
  if (key.type !== SignatureType.ed25519) throw new FormatError('vkey is not an Ed25519 note key');
  return createEd25519Verifier(key.name, key.publicKey);
}

/** A fresh Ed25519 key pair as skey/vkey text, for operators setting up a log or witness. */
export function generateEd25519Keys(name: string): Readonly<{ skey: string; vkey: string }> {
  const seed = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(seed);
  return {
    skey: formatSignerKey(name, seed, publicKey),
    vkey: formatVerifierKey(name, SignatureType.ed25519, publicKey),
  };
}
