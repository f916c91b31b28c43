import { KeyDirectoryError } from './errors.ts';

/** Reads a byte string front to back; every overrun and every leftover byte is 'malformed'. */
export class ByteReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #take(length: number): number {
    const at = this.#at;
    if (at + length > this.#bytes.length) throw new KeyDirectoryError('malformed', 'encoding ends early');
    this.#at += length;
    return at;
  }

  u8(): number {
    return this.#view.getUint8(this.#take(1));
  }

  u16(): number {
    return this.#view.getUint16(this.#take(2));
  }

  u32(): number {
    return this.#view.getUint32(this.#take(4));
  }

  u64(): number {
    const n = this.#view.getBigUint64(this.#take(8));
    if (n > BigInt(Number.MAX_SAFE_INTEGER))
      throw new KeyDirectoryError('malformed', 'number exceeds 2^53 - 1');
    return Number(n);
  }

  bytes(length: number): Uint8Array {
    const at = this.#take(length);
    return this.#bytes.slice(at, at + length);
  }

  /** A flag byte that must be 0 or 1, so each value has one encoding. */
  flag(): boolean {
    const b = this.u8();
    if (b > 1) throw new KeyDirectoryError('malformed', `flag byte is ${b}`);
    return b === 1;
  }

  end(): void {
    if (this.#at !== this.#bytes.length)
      throw new KeyDirectoryError('malformed', 'trailing bytes after the encoding');
  }
}

/** Appends big-endian fields to a growing byte string. */
export class ByteWriter {
  readonly #parts: Uint8Array[] = [];
  #length = 0;

  #push(part: Uint8Array): this {
    this.#parts.push(part);
    this.#length += part.length;
    return this;
  }

  #number(size: 1 | 2 | 4 | 8, n: number): this {
    if (!Number.isSafeInteger(n) || n < 0 || (size < 8 && n >= 2 ** (8 * size))) {
      throw new KeyDirectoryError('malformed', `${n} does not fit in ${size} bytes`);
    }
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    if (size === 1) view.setUint8(0, n);
    else if (size === 2) view.setUint16(0, n);
    else if (size === 4) view.setUint32(0, n);
    else view.setBigUint64(0, BigInt(n));
    return this.#push(out);
  }

  u8(n: number): this {
    return this.#number(1, n);
  }

  u16(n: number): this {
    return this.#number(2, n);
  }

  u32(n: number): this {
    return this.#number(4, n);
  }

  u64(n: number): this {
    return this.#number(8, n);
  }

  bytes(part: Uint8Array): this {
    return this.#push(part);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
