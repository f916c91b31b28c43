/**
 * Integer helpers for tree sizes and indices. Sizes are JS numbers restricted to safe integers
 * (< 2^53), so plain arithmetic replaces 32-bit bitwise operators throughout.
 */

/** True for a non-negative safe integer: the only values accepted as sizes and indices. */
export function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** The largest power of two strictly below n (n >= 2): the RFC 9162 split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when n is 2^k for some k >= 0. */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

/** Integer halving without 32-bit truncation. */
export function half(n: number): number {
  return Math.floor(n / 2);
}

/** True when n is odd. */
export function isOdd(n: number): boolean {
  return n % 2 === 1;
}
