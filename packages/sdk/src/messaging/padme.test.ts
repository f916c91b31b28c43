import { describe, expect, it } from 'vitest';
import { padmeLength } from './padme.ts';

/** The paper's definition, written with floating-point logarithms to check the bit arithmetic. */
function reference(length: number): number {
  const e = Math.floor(Math.log2(length));
  const s = Math.floor(Math.log2(e)) + 1;
  const lastBits = e - s;
  const step = 2 ** lastBits;
  return Math.ceil(length / step) * step;
}

describe('Padmé', () => {
  it('gives the bucket sizes of the PURBs definition', () => {
    expect([0, 1, 2, 3, 9, 100, 256, 257, 272, 273, 1000, 1025, 65_536, 65_537].map(padmeLength)).toEqual([
      0, 1, 2, 3, 10, 104, 256, 272, 272, 288, 1024, 1088, 65_536, 67_584,
    ]);
    const wrong: number[] = [];
    for (let length = 3; length <= 70_000; length++)
      if (padmeLength(length) !== reference(length)) wrong.push(length);
    expect(wrong).toEqual([]);
  });

  it('never shrinks, is stable on its own output, and costs at most 12%', () => {
    const wrong: number[] = [];
    for (let length = 1; length <= 70_000; length++) {
      const padded = padmeLength(length);
      if (padded < length || padmeLength(padded) !== padded || (padded - length) / length > 0.12)
        wrong.push(length);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves an observer few sizes to tell messages apart by', () => {
    const sizes = new Set<number>();
    for (let length = 256; length <= 65_536; length++) sizes.add(padmeLength(length));
    // 256-byte blocks would leave 256 sizes over this range; Padmé leaves 129, spaced wider as messages grow.
    expect(sizes.size).toBe(129);
    expect([...sizes].slice(0, 3)).toEqual([256, 272, 288]);
  });

  it('refuses lengths it cannot represent', () => {
    for (const bad of [-1, 1.5, 2 ** 31]) expect(() => padmeLength(bad)).toThrow(RangeError);
  });
});
