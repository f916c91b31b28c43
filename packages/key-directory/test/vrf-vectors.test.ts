import { describe, expect, it } from 'vitest';
import { KeyDirectoryError, vrfProofToHash, vrfProve, vrfPublicKey, vrfVerify } from '../src/index.ts';
import { hex, readVector, toHex } from './vectors.ts';

type Vector = { example: number; sk: string; pk: string; alpha: string; pi: string; beta: string };
const { vectors } = readVector('rfc9381-edwards25519-tai.json') as { vectors: Vector[] };

/** The group order L, little-endian, for building an unreduced scalar. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function le(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof KeyDirectoryError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('RFC 9381 Appendix B.3 (ECVRF-EDWARDS25519-SHA512-TAI)', () => {
  it('has the three published examples', () => expect(vectors.map((v) => v.example)).toEqual([16, 17, 18]));

  describe.each(vectors)('example $example', (v) => {
    const sk = hex(v.sk);
    const pk = hex(v.pk);
    const alpha = hex(v.alpha);
    const pi = hex(v.pi);

    it('derives PK from SK', () => expect(toHex(vrfPublicKey(sk))).toBe(v.pk));
    it('proves pi', () => expect(toHex(vrfProve(sk, alpha))).toBe(v.pi));
    it('hashes pi to beta', () => expect(toHex(vrfProofToHash(pi))).toBe(v.beta));
    it('verifies pi and returns beta', () => expect(toHex(vrfVerify(pk, alpha, pi))).toBe(v.beta));

    it.each([0, 31, 32, 47, 48, 79])('refuses pi with byte %i altered', (at) => {
      const bad = pi.slice();
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      expect(refusal(() => vrfVerify(pk, alpha, bad))).toBe('vrf_invalid');
    });

    it('refuses another input', () => {
      expect(refusal(() => vrfVerify(pk, new Uint8Array([...alpha, 0]), pi))).toBe('vrf_invalid');
    });

    it('refuses a truncated or extended proof', () => {
      expect(refusal(() => vrfVerify(pk, alpha, pi.subarray(0, 79)))).toBe('vrf_invalid');
      expect(refusal(() => vrfVerify(pk, alpha, new Uint8Array([...pi, 0])))).toBe('vrf_invalid');
    });

    it('refuses s + L, the same scalar unreduced', () => {
      const s = pi.subarray(48).reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
      const bad = new Uint8Array([...pi.subarray(0, 48), ...le(s + L, 32)]);
      expect(refusal(() => vrfVerify(pk, alpha, bad))).toBe('vrf_invalid');
    });
  });

  it("refuses a proof under another example's key", () => {
    const [a, b] = vectors;
    if (a === undefined || b === undefined) throw new Error('vectors missing');
    expect(refusal(() => vrfVerify(hex(b.pk), hex(a.alpha), hex(a.pi)))).toBe('vrf_invalid');
  });

  it('refuses small-order and malformed public keys (§5.4.5)', () => {
    const identity = le(1n, 32);
    const pi = hex(vectors[0]?.pi ?? '');
    expect(refusal(() => vrfVerify(identity, new Uint8Array(0), pi))).toBe('vrf_invalid');
    expect(refusal(() => vrfVerify(new Uint8Array(31), new Uint8Array(0), pi))).toBe('vrf_invalid');
    const nonCanonical = le(2n ** 255n - 19n + 1n, 32);
    expect(refusal(() => vrfVerify(nonCanonical, new Uint8Array(0), pi))).toBe('vrf_invalid');
  });
});
