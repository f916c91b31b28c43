import { describe, expect, it } from 'vitest';
import { accountCode, safetyNumber, safetyNumberQrPayload } from './safety-number.js';

const alice = { username: 'alice', accountKey: new Uint8Array(32).fill(1) };
const bob = { username: 'bob', accountKey: new Uint8Array(32).fill(2) };

describe('safety numbers', () => {
  it('is 60 digits in 12 groups of 5, the same on both sides', () => {
    const n = safetyNumber(alice, bob);
    expect(n).toMatch(/^\d{5}( \d{5}){11}$/);
    expect(safetyNumber(bob, alice)).toBe(n);
    expect(safetyNumberQrPayload(bob, alice)).toBe(safetyNumberQrPayload(alice, bob));
  });

  it('changes when either key or name changes', () => {
    const n = safetyNumber(alice, bob);
    const key = alice.accountKey.slice();
    key[31] = 0;
    expect(safetyNumber({ ...alice, accountKey: key }, bob)).not.toBe(n);
    expect(safetyNumber(alice, { ...bob, accountKey: new Uint8Array(32).fill(3) })).not.toBe(n);
    expect(safetyNumber({ ...alice, username: 'alicf' }, bob)).not.toBe(n);
    expect(safetyNumberQrPayload({ ...alice, accountKey: key }, bob)).not.toBe(
      safetyNumberQrPayload(alice, bob),
    );
  });

  // Known answer cross-checked with an independent Python (hashlib) implementation of the documented construction.
  it('is stable for fixed inputs (known answer)', () => {
    expect(safetyNumber(alice, bob)).toMatchInlineSnapshot(
      `"75036 43455 62343 24717 26790 20547 91414 38546 38581 90948 57669 14729"`,
    );
    expect(safetyNumberQrPayload(alice, bob)).toMatchInlineSnapshot(
      `"PSN1:6W874Hxf92FR_xBqIxsnMquhEk2Z0fD45mDy873j7CXeDfa8RGCu0ishx9cVKpthmIQkJ-5lpVYPeZkJ"`,
    );
  });

  it("the account code is one account's half of every safety number it appears in", () => {
    const code = accountCode(alice);
    expect(code).toMatch(/^\d{5}( \d{5}){5}$/);
    const digits = code.replaceAll(' ', '');
    const n = safetyNumber(alice, bob).replaceAll(' ', '');
    expect([n.slice(0, 30), n.slice(30)]).toContain(digits);
    expect(accountCode({ ...alice, accountKey: new Uint8Array(32).fill(9) })).not.toBe(code);
  });
});
