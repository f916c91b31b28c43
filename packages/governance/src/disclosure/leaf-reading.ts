import { defaultHasher, type Hasher } from '@parley/merkle-log';
import { EVENT_ENCODING_TAG, publicEventHash, toHex } from '../events/canonical.ts';
import { decodeLeafText, LeafFormatError } from './leaf-codec.ts';
import { type DisclosureLeaf, LEAF_TAG } from './leaf-types.ts';

/** One log entry as the analysis needs it: the leaf, and the chain-link hash of the event it carries. */
export type ReadEntry =
  | Readonly<{ kind: 'leaf'; leaf: DisclosureLeaf; eventHash: string | null }>
  | Readonly<{ kind: 'error'; message: string }>
  | Readonly<{ kind: 'other' }>;

const tagBytes = new TextEncoder().encode(LEAF_TAG);
const utf8 = new TextEncoder();
const EVENT_KEY = ',"event":';
const EVENT_LEAF_END = ',"leaf":"event"}';

/**
 * Decodes one entry and hashes its event for the chain check. An `event` leaf's text is canonical (checked),
 * so its event's canonical JSON is the text between `,"event":` and the closing `,"leaf":"event"}`
 * (commitments before it are hex or null): hashing that slice spares encoding every event a second time.
 */
export function readEntry(bytes: Uint8Array, hasher: Hasher = defaultHasher): ReadEntry {
  if (!tagBytes.every((b, i) => bytes[i] === b)) return { kind: 'other' };
  let decoded: ReturnType<typeof decodeLeafText>;
  try {
    decoded = decodeLeafText(bytes);
  } catch (error) {
    return { kind: 'error', message: error instanceof LeafFormatError ? error.message : 'unreadable' };
  }
  const { leaf, text } = decoded;
  if (leaf.leaf === 'event') {
    const json = text.slice(text.indexOf(EVENT_KEY) + EVENT_KEY.length, text.length - EVENT_LEAF_END.length);
    const eventHash = toHex(hasher.hashLeaf(utf8.encode(EVENT_ENCODING_TAG + json)));
    return { kind: 'leaf', leaf, eventHash };
  }
  const eventHash = leaf.leaf === 'reveal' ? publicEventHash(leaf.event.event, hasher) : null;
  return { kind: 'leaf', leaf, eventHash };
}
