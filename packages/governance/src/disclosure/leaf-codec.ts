import { type Canonical, canonicalJson } from '../events/canonical.ts';
import { disclosureLeafSchema } from './leaf-schema.ts';
import { type DisclosureLeaf, LEAF_TAG } from './leaf-types.ts';

/** Thrown for bytes that are not a canonical disclosure-log leaf; the message says what is wrong. */
export class LeafFormatError extends Error {
  override readonly name = 'LeafFormatError';
}

/** The canonical bytes of a leaf: `parley-leaf/v1\n` and the JCS-subset JSON events use. */
export function encodeLeaf(leaf: DisclosureLeaf): Uint8Array {
  const value: Canonical = leaf;
  return new TextEncoder().encode(LEAF_TAG + canonicalJson(value));
}

/**
 * Parses a log entry. Anything but the exact canonical encoding is refused, so two different byte strings
 * can never stand for the same leaf (and a verifier recomputes exactly what the server signed).
 */
export function decodeLeaf(bytes: Uint8Array): DisclosureLeaf {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LeafFormatError('not UTF-8');
  }
  if (!text.startsWith(LEAF_TAG)) throw new LeafFormatError('missing the parley-leaf/v1 tag');
  let json: unknown;
  try {
    json = JSON.parse(text.slice(LEAF_TAG.length));
  } catch {
    throw new LeafFormatError('not JSON');
  }
  const parsed = disclosureLeafSchema.safeParse(json);
  if (!parsed.success)
    throw new LeafFormatError(`not a disclosure leaf: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  const leaf: DisclosureLeaf = parsed.data;
  const again = new TextDecoder().decode(encodeLeaf(leaf));
  if (again !== text) throw new LeafFormatError('not in canonical form');
  return leaf;
}
