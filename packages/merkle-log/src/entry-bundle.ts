import { FormatError } from './errors.ts';
import { TILE_WIDTH } from './tile-path.ts';

/** Largest entry an entry bundle can carry: its length prefix is a big-endian uint16. */
export const MAX_ENTRY_SIZE = 0xffff;

/** Encodes up to 256 entries as big-endian uint16 length-prefixed records (c2sp.org/tlog-tiles). */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0 || entries.length > TILE_WIDTH)
    throw new FormatError('bundle holds 1..256 entries');
  let length = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) throw new FormatError('entry longer than 65535 bytes');
    length += 2 + e.length;
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >>> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Decodes an entry bundle; truncated records, trailing bytes or a count other than `width` throw. */
export function decodeEntryBundle(data: Uint8Array, width?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < data.length) {
    if (o + 2 > data.length) throw new FormatError('truncated entry length');
    const len = ((data[o] ?? 0) << 8) | (data[o + 1] ?? 0);
    if (o + 2 + len > data.length) throw new FormatError('truncated entry');
    out.push(data.subarray(o + 2, o + 2 + len));
    o += 2 + len;
  }
  if (out.length > TILE_WIDTH) throw new FormatError('bundle holds more than 256 entries');
  if (width !== undefined && out.length !== width)
    throw new FormatError(`bundle has ${out.length} entries, want ${width}`);
  return out;
}
