/**
 * Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with PURBs",
 * PETS 2019, §4): rounds a length up so that only its top ~log2(log2 L) + 1 bits stay significant. A size
 * then reveals O(log log L) bits instead of O(log L), at no more than ~12% overhead (less for larger L).
 */
export function padmeLength(length: number): number {
  if (!Number.isInteger(length) || length < 0 || length >= 2 ** 31)
    throw new RangeError('length must be an integer in [0, 2^31)');
  if (length <= 2) return length;
  const exponent = 31 - Math.clz32(length); // ⌊log2 L⌋
  const significant = 32 - Math.clz32(exponent); // ⌊log2 E⌋ + 1
  const mask = 2 ** (exponent - significant) - 1;
  return (length + mask) & ~mask;
}
