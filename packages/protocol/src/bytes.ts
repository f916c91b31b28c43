/** base64url (RFC 4648 §5, no padding) is the only binary encoding on the wire. */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lookup = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;

export const base64urlPattern = /^[A-Za-z0-9_-]*$/;

/**
 * Why a string is not canonical base64url, or null when it is: only the alphabet, no padding, a length that
 * can encode whole bytes (never 1 mod 4), and zero bits after the last byte. Canonical text has exactly one
 * spelling per byte string, so ids, challenges and signatures compare equal as text whenever their bytes do.
 */
export function base64urlProblem(text: string): string | null {
  if (!base64urlPattern.test(text)) return 'must be base64url (A-Z a-z 0-9 - _) without padding';
  if (text.length % 4 === 1) return 'base64url length cannot be 1 more than a multiple of 4';
  const last = lookup[text.charCodeAt(text.length - 1)] ?? 0;
  const unusedBits = text.length % 4 === 2 ? 0b1111 : text.length % 4 === 3 ? 0b11 : 0;
  if ((last & unusedBits) !== 0) return 'base64url has non-zero bits after the last byte';
  return null;
}

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      alphabet.charAt(n >>> 18) +
      alphabet.charAt((n >>> 12) & 63) +
      alphabet.charAt((n >>> 6) & 63) +
      alphabet.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63) + alphabet.charAt((n >>> 6) & 63);
  }
  return out;
}

/** Decodes canonical base64url; throws RangeError on anything `base64urlProblem` refuses. */
export function fromBase64url(text: string): Uint8Array {
  const problem = base64urlProblem(text);
  if (problem !== null) throw new RangeError(problem);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    acc = (acc << 6) | (lookup[text.charCodeAt(i)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** Length in bytes of the data a base64url string encodes, without decoding it. */
export function base64urlByteLength(text: string): number {
  return Math.floor((text.length * 3) / 4);
}
