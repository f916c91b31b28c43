/**
 * The clear framing of an MLSMessage (RFC 9420 §6), read without any key: enough for the delivery service to
 * check that a handshake is a commit for this group and epoch before it orders and stores it, and to refuse
 * bytes that no member could process. Nothing here authenticates the content; members do that.
 */

export type MlsWireFormat = 'public_message' | 'private_message' | 'welcome' | 'group_info' | 'key_package';
export type MlsContentType = 'application' | 'proposal' | 'commit';

export type MlsFraming = Readonly<{
  wireFormat: MlsWireFormat;
  /** Present for public and private messages. */
  groupId?: Uint8Array;
  epoch?: bigint;
  contentType?: MlsContentType;
}>;

const wireFormats: Readonly<Record<number, MlsWireFormat>> = {
  1: 'public_message',
  2: 'private_message',
  3: 'welcome',
  4: 'group_info',
  5: 'key_package',
};
const contentTypes: Readonly<Record<number, MlsContentType>> = {
  1: 'application',
  2: 'proposal',
  3: 'commit',
};
const mls10 = 1;

class Reader {
  #at = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.#at === this.bytes.length;
  }

  uint(size: 1 | 2 | 4): number {
    if (this.#at + size > this.bytes.length) throw new RangeError('truncated');
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + (this.bytes[this.#at + i] ?? 0);
    this.#at += size;
    return value;
  }

  uint64(): bigint {
    const high = this.uint(4);
    return (BigInt(high) << 32n) | BigInt(this.uint(4));
  }

  /** A variable-length vector with the RFC 9420 §2.1.2 length prefix (minimum encoding required). */
  vector(): Uint8Array {
    const first = this.uint(1);
    const prefix = first >> 6;
    if (prefix === 3) throw new RangeError('invalid length prefix');
    let length = first & 0x3f;
    const extra = prefix === 0 ? 0 : prefix === 1 ? 1 : 3;
    for (let i = 0; i < extra; i++) length = length * 256 + this.uint(1);
    const minimal = prefix === 0 || (prefix === 1 ? length >= 64 : length >= 16384);
    if (!minimal) throw new RangeError('non-minimal length prefix');
    if (this.#at + length > this.bytes.length) throw new RangeError('truncated');
    const out = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return out;
  }
}

/**
 * Reads the framing of an MLSMessage; undefined for anything that is not one. A PrivateMessage is read to its
 * last byte (its header, then three opaque vectors), so trailing or missing bytes are refused.
 */
export function readMlsFraming(bytes: Uint8Array): MlsFraming | undefined {
  try {
    const r = new Reader(bytes);
    if (r.uint(2) !== mls10) return undefined;
    const wireFormat = wireFormats[r.uint(2)];
    if (wireFormat === undefined) return undefined;
    if (wireFormat === 'private_message') {
      const groupId = r.vector();
      const epoch = r.uint64();
      const contentType = contentTypes[r.uint(1)];
      r.vector(); // authenticated_data
      r.vector(); // encrypted_sender_data
      r.vector(); // ciphertext
      if (contentType === undefined || !r.done) return undefined;
      return { wireFormat, groupId, epoch, contentType };
    }
    if (wireFormat === 'public_message') {
      const groupId = r.vector();
      const epoch = r.uint64();
      const senderType = r.uint(1);
      if (senderType === 1 || senderType === 2) r.uint(4);
      else if (senderType !== 3 && senderType !== 4) return undefined;
      r.vector(); // authenticated_data
      const contentType = contentTypes[r.uint(1)];
      if (contentType === undefined) return undefined;
      return { wireFormat, groupId, epoch, contentType };
    }
    return { wireFormat };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function vector(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const prefix =
    n < 64
      ? [n]
      : n < 16384
        ? [0x40 | (n >> 8), n & 0xff]
        : [0x80 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(prefix.length + n);
  out.set(prefix);
  out.set(bytes, prefix.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The framing of a PrivateMessage around opaque sealed parts, as `readMlsFraming` reads it: for tools and
 * tests that exercise the delivery service without running MLS (a real client's message comes from ts-mls).
 */
export function privateMessageFraming(
  header: Readonly<{ groupId: Uint8Array; epoch: number; contentType: MlsContentType }>,
  sealed: Readonly<{ senderData: Uint8Array; ciphertext: Uint8Array }>,
): Uint8Array {
  const epoch = new Uint8Array(8);
  new DataView(epoch.buffer).setBigUint64(0, BigInt(header.epoch));
  const contentType = Object.entries(contentTypes).find(([, name]) => name === header.contentType)?.[0];
  return concat([
    Uint8Array.of(0, mls10, 0, 2),
    vector(header.groupId),
    epoch,
    Uint8Array.of(Number(contentType)),
    vector(new Uint8Array(0)),
    vector(sealed.senderData),
    vector(sealed.ciphertext),
  ]);
}
