import { FormatError } from './errors.ts';

/** Standard padded base64 (RFC 4648 §4), the encoding of signed notes and checkpoints. */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const lookup = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;

/** Encodes bytes as padded standard base64. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const rest = bytes.length - i;
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63);
    out += rest > 1 ? alphabet.charAt((n >>> 6) & 63) : '=';
    out += rest > 2 ? alphabet.charAt(n & 63) : '=';
  }
  return out;
}

/**
 * Decodes canonical padded base64 only: wrong length, stray padding or non-zero trailing bits throw,
 * so each byte string has exactly one accepted text form.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new FormatError('base64: length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  let acc = 0;
  let bits = 0;
  const end = text.length - pad;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (lookup[c] ?? -1) : -1;
    if (v < 0) throw new FormatError('base64: invalid character');
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new FormatError('base64: non-canonical trailing bits');
  return out;
}
