/**
 * Reads the Lifetime (RFC 9420 §7.2) of an MLSMessage-wrapped KeyPackage without an MLS library, so the
 * server can refuse and purge expired packages. It checks the framing only, not the signature: the package
 * is the uploading device's own, and the members who add it verify it in full.
 */
export type KeyPackageLifetime = Readonly<{ notBefore: bigint; notAfter: bigint }>;

const MLS10 = 1;
const WIRE_FORMAT_KEY_PACKAGE = 5;
const CREDENTIAL_BASIC = 1;
const CREDENTIAL_X509 = 2;
const LEAF_SOURCE_KEY_PACKAGE = 1;

class Reader {
  #at = 0;
  constructor(readonly bytes: Uint8Array) {}

  uint(size: 1 | 2 | 8): bigint {
    if (this.#at + size > this.bytes.length) throw new RangeError('truncated');
    let value = 0n;
    for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(this.bytes[this.#at + i] ?? 0);
    this.#at += size;
    return value;
  }

  /** Skips a variable-length vector (RFC 9420 §2.1.2: a 1, 2 or 4-byte length prefix). */
  skipVector(): void {
    const first = Number(this.uint(1));
    const prefix = 1 << (first >> 6);
    if (prefix === 8) throw new RangeError('invalid vector length');
    let length = first & 0x3f;
    for (let i = 1; i < prefix; i++) length = (length << 8) | Number(this.uint(1));
    if (this.#at + length > this.bytes.length) throw new RangeError('truncated');
    this.#at += length;
  }
}

/** The package's validity window in seconds since the epoch, or undefined when the bytes are not one. */
export function keyPackageLifetime(bytes: Uint8Array): KeyPackageLifetime | undefined {
  try {
    const r = new Reader(bytes);
    if (r.uint(2) !== BigInt(MLS10) || r.uint(2) !== BigInt(WIRE_FORMAT_KEY_PACKAGE)) return undefined;
    if (r.uint(2) !== BigInt(MLS10)) return undefined;
    r.uint(2); // cipher suite
    r.skipVector(); // init_key
    r.skipVector(); // leaf node: encryption_key
    r.skipVector(); // signature_key
    const credential = Number(r.uint(2));
    if (credential !== CREDENTIAL_BASIC && credential !== CREDENTIAL_X509) return undefined;
    r.skipVector(); // identity, or the certificate chain
    for (let i = 0; i < 5; i++) r.skipVector(); // capabilities: versions … credentials
    if (Number(r.uint(1)) !== LEAF_SOURCE_KEY_PACKAGE) return undefined;
    return { notBefore: r.uint(8), notAfter: r.uint(8) };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
