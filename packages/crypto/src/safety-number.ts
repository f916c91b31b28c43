import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** One side of a conversation as the two users compare it out of band. */
export type SafetyNumberParty = Readonly<{ username: string; accountKey: Uint8Array }>;

/** Bump when the construction changes, so old and new numbers can never be confused for a match. */
export const SAFETY_NUMBER_VERSION = 1;
const ITERATIONS = 5200;
const FINGERPRINT_BYTES = 30;

/*
 * Construction (after Signal's NumericFingerprintGenerator), per party:
 *   enc    = u16be(version) || u32be(len(username)) || utf8(username) || u32be(len(key)) || key
 *   d_0    = SHA-512(enc);  d_i = SHA-512(d_{i-1} || key) for i = 1..5200   (slows brute-force collisions)
 *   fp     = first 30 bytes of d_5200
 *   digits = for each 5-byte chunk of fp: (big-endian uint40 mod 100000) as 5 zero-padded digits  → 30 digits
 * The safety number is the two 30-digit strings in ascending order, concatenated (60 digits), shown in
 * 12 groups of 5. Sorting makes it identical on both devices. The length prefixes make (name, key) unambiguous.
 */
function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

function fingerprint(party: SafetyNumberParty): Uint8Array {
  const name = utf8ToBytes(party.username);
  const key = party.accountKey;
  const version = Uint8Array.of(SAFETY_NUMBER_VERSION >> 8, SAFETY_NUMBER_VERSION & 0xff);
  let digest = sha512(concatBytes(version, u32be(name.length), name, u32be(key.length), key));
  for (let i = 0; i < ITERATIONS; i++) digest = sha512(concatBytes(digest, key));
  return digest.slice(0, FINGERPRINT_BYTES);
}

function digitsOf(fp: Uint8Array): string {
  let out = '';
  for (let offset = 0; offset < FINGERPRINT_BYTES; offset += 5) {
    let chunk = 0;
    // 40-bit values stay exact in a double (< 2^53).
    for (let i = 0; i < 5; i++) chunk = chunk * 256 + (fp[offset + i] ?? 0);
    out += String(chunk % 100000).padStart(5, '0');
  }
  return out;
}

function orderedSides(a: SafetyNumberParty, b: SafetyNumberParty): [Uint8Array, string][] {
  return [fingerprint(a), fingerprint(b)]
    .map((fp): [Uint8Array, string] => [fp, digitsOf(fp)])
    .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}

/** The 60-digit number two users compare to detect a key substitution by the server; same on both devices. */
export function safetyNumber(a: SafetyNumberParty, b: SafetyNumberParty): string {
  const digits = orderedSides(a, b)
    .map(([, d]) => d)
    .join('');
  return (digits.match(/\d{5}/g) ?? []).join(' ');
}

/**
 * One account's half of every safety number: 30 digits in 6 groups of 5, from the username and account key
 * alone. A device being linked compares it with the code its account's first device shows, before it trusts
 * the account key the server serves.
 */
export function accountCode(party: SafetyNumberParty): string {
  return (digitsOf(fingerprint(party)).match(/\d{5}/g) ?? []).join(' ');
}

/**
 * The QR form of the same comparison: "PSN<version>:" + base64url(fp_low || fp_high), both 30-byte
 * fingerprints in safety-number order. Both devices produce the same string, so scanning is an equality check.
 */
export function safetyNumberQrPayload(a: SafetyNumberParty, b: SafetyNumberParty): string {
  const bytes = concatBytes(...orderedSides(a, b).map(([fp]) => fp));
  return `PSN${SAFETY_NUMBER_VERSION}:${base64url(bytes)}`;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
