import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, fromUtf8, utf8 } from './bytes.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { verifyEd25519 } from './ed25519-note.ts';
import { FormatError } from './errors.ts';
import { computeKeyId, parseVerifierKey, SignatureType } from './note-key.ts';
import type { NoteSigner, NoteVerifier } from './note-verify.ts';
import type { NoteSignature } from './signed-note.ts';

/** Timestamps are POSIX seconds; the spec allows up to 2^63 - 1, JS numbers stay exact to 2^53 - 1. */
const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/** The message a cosignature/v1 signs: header, time line, then the whole checkpoint body. */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new FormatError('invalid cosignature timestamp');
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/** Reads the timestamp of a cosignature/v1 signature (8-byte big-endian time || 64-byte signature). */
export function cosignatureTimestamp(signature: NoteSignature | Uint8Array): number {
  const bytes = signature instanceof Uint8Array ? signature : signature.signature;
  if (bytes.length !== 72) throw new FormatError('cosignature/v1 signature must be 72 bytes');
  const t = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
  if (t > BigInt(MAX_TIMESTAMP)) throw new FormatError('cosignature timestamp out of range');
  return Number(t);
}

/**
 * A witness cosigner (type 0x04). `now` returns POSIX seconds; it is injected so signing is
 * reproducible in tests and the clock stays with the app. Refuses to sign text that is not a checkpoint.
 */
export function createCosigner(name: string, seed: Uint8Array, now: () => number): NoteSigner {
  if (seed.length !== 32) throw new FormatError('Ed25519 seed must be 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = computeKeyId(name, SignatureType.cosignatureV1, publicKey);
  const secret = seed.slice();
  return {
    name,
    keyId,
    sign(text) {
      const body = fromUtf8(text);
      parseCheckpoint(body);
      const timestamp = now();
      const time = new Uint8Array(8);
      new DataView(time.buffer).setBigUint64(0, BigInt(timestamp));
      return concatBytes(time, ed25519.sign(cosignatureMessage(body, timestamp), secret));
    },
  };
}

/** A cosignature/v1 verifier; only checkpoint bodies are accepted as cosigned text. */
export function createCosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (publicKey.length !== 32) throw new FormatError('Ed25519 public key must be 32 bytes');
  const keyId = computeKeyId(name, SignatureType.cosignatureV1, publicKey);
  const key = publicKey.slice();
  return {
    name,
    keyId,
    verify(text, signature) {
      try {
        const body = fromUtf8(text);
        parseCheckpoint(body);
        const timestamp = cosignatureTimestamp(signature);
        return verifyEd25519(signature.subarray(8), cosignatureMessage(body, timestamp), key);
      } catch {
        return false;
      }
    },
  };
}

/** Parses a type 0x04 vkey into a cosignature verifier. */
export function cosignatureVerifierFromKey(vkey: string): NoteVerifier {
  const key = parseVerifierKey(vkey);
  if (key.type !== SignatureType.cosignatureV1) throw new FormatError('vkey is not a cosignature/v1 key');
  return createCosignatureVerifier(key.name, key.publicKey);
}
