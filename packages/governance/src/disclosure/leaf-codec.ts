import { type Canonical, canonicalJson } from '../events/canonical.ts';
import { leafSchemas } from './leaf-schema.ts';
import { type DisclosureLeaf, LEAF_TAG } from './leaf-types.ts';

/** Thrown for bytes that are not a canonical disclosure-log leaf; the message says what is wrong. */
export class LeafFormatError extends Error {
  override readonly name = 'LeafFormatError';
}

/** The canonical bytes of a leaf: `parley-leaf/v1\n` and the JCS-subset JSON events use. */
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function leafText(leaf: DisclosureLeaf): string {
  const value: Canonical = leaf;
  return LEAF_TAG + canonicalJson(value);
}

export function encodeLeaf(leaf: DisclosureLeaf): Uint8Array {
  return utf8.encode(leafText(leaf));
}

/**
 * Parses a log entry. Anything but the exact canonical encoding is refused, so two different byte strings
 * can never stand for the same leaf (and a verifier recomputes exactly what the server signed).
 */
export function decodeLeaf(bytes: Uint8Array): DisclosureLeaf {
  return decodeLeafText(bytes).leaf;
}

/** `decodeLeaf`, also returning the leaf's text (its canonical encoding, checked). */
export function decodeLeafText(bytes: Uint8Array): Readonly<{ leaf: DisclosureLeaf; text: string }> {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
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
  const kind: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'leaf') : undefined;
  const schema =
    kind === 'event' || kind === 'sealed' || kind === 'reveal' || kind === 'report'
      ? leafSchemas[kind]
      : undefined;
  if (schema === undefined) throw new LeafFormatError('not a disclosure leaf: leaf');
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new LeafFormatError(`not a disclosure leaf: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  if (!isCanonical(json, text.slice(LEAF_TAG.length))) throw new LeafFormatError('not in canonical form');
  return { leaf: parsed.data, text };
}

/**
 * Whether `body` is the canonical encoding of `json` (what `canonicalJson` writes), checked without writing
 * it again: JSON.stringify reproduces the text's key order, spacing and string escapes, so the text is
 * canonical exactly when that round trip is byte-identical and every object's keys are in sorted order.
 */
function isCanonical(json: unknown, body: string): boolean {
  return JSON.stringify(json) === body && keysSorted(json);
}

function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (typeof value !== 'object' || value === null) return true;
  let previous: string | undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (previous !== undefined && !(previous < key)) return false;
    if (!keysSorted(inner)) return false;
    previous = key;
  }
  return true;
}
