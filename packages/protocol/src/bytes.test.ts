import { describe, expect, it } from 'vitest';
import { base64urlByteLength, base64urlProblem, fromBase64url, toBase64url } from './bytes.ts';

describe('base64url', () => {
  it('matches RFC 4648 test vectors (url alphabet, no padding)', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(toBase64url(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64url(encoded))).toBe(plain);
    }
  });

  it('uses - and _ and round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64url(all);
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64url(text)).toEqual(all);
    expect(base64urlByteLength(text)).toBe(256);
    expect(Buffer.from(all).toString('base64url')).toBe(text);
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(() => fromBase64url('ab+c')).toThrow(RangeError);
    expect(() => fromBase64url('abcde')).toThrow(RangeError);
    expect(() => fromBase64url('é')).toThrow(RangeError);
  });

  it('accepts exactly one spelling of each byte string', () => {
    for (let n = 0; n < 40; n++) {
      const text = toBase64url(crypto.getRandomValues(new Uint8Array(n)));
      expect(base64urlProblem(text)).toBeNull();
    }
    // "Zg" is "f"; "Zh" would decode to the same byte with a stray bit set.
    expect(base64urlProblem('Zh')).toMatch(/non-zero bits/);
    expect(base64urlProblem('Zm9')).toMatch(/non-zero bits/);
    expect(base64urlProblem('Zm8')).toBeNull();
    expect(base64urlProblem('Zm9vY')).toMatch(/length/);
    expect(base64urlProblem('Zg==')).toMatch(/without padding/);
    expect(() => fromBase64url('Zh')).toThrow(RangeError);
  });
});
