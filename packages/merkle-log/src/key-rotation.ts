import { FormatError } from './errors.ts';
import { parseVerifierKey } from './note-key.ts';

/**
 * A log-key rotation entry: the log announces, inside its own tree, the origin and note key that sign every
 * checkpoint after the one that first covers this entry (the handover checkpoint, still signed by the old
 * key). The tag's first line can never start a disclosure leaf (`parley-leaf/v1`) or a checkpoint.
 *
 * ```
 * parley-log-key/v1
 * <new origin>
 * <new vkey>
 * ```
 */
export type KeyRotation = Readonly<{ origin: string; vkey: string }>;

export const KEY_ROTATION_TAG = 'parley-log-key/v1\n';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const tagBytes = utf8.encode(KEY_ROTATION_TAG);

/** The entry's bytes; the vkey must be an Ed25519 note key named after the origin, as checkpoints need. */
export function encodeKeyRotation(rotation: KeyRotation): Uint8Array {
  checkRotation(rotation.origin, rotation.vkey);
  return utf8.encode(`${KEY_ROTATION_TAG}${rotation.origin}\n${rotation.vkey}\n`);
}

/** Whether an entry carries the rotation tag (then `decodeKeyRotation` must accept it, or the log is broken). */
export function isKeyRotation(entry: Uint8Array): boolean {
  return entry.length >= tagBytes.length && tagBytes.every((b, i) => entry[i] === b);
}

/** Parses a rotation entry; anything but the exact encoding `encodeKeyRotation` writes is a FormatError. */
export function decodeKeyRotation(entry: Uint8Array): KeyRotation {
  if (!isKeyRotation(entry)) throw new FormatError('not a log-key rotation entry');
  let text: string;
  try {
    text = strictUtf8.decode(entry.subarray(tagBytes.length));
  } catch {
    throw new FormatError('log-key rotation entry is not UTF-8');
  }
  const lines = text.split('\n');
  const [origin, vkey, end] = lines;
  if (lines.length !== 3 || origin === undefined || vkey === undefined || end !== '')
    throw new FormatError('log-key rotation entry needs exactly an origin line and a vkey line');
  checkRotation(origin, vkey);
  return { origin, vkey };
}

function checkRotation(origin: string, vkey: string): void {
  let name: string;
  try {
    name = parseVerifierKey(vkey).name;
  } catch (error) {
    throw new FormatError(
      `log-key rotation names no valid vkey: ${error instanceof Error ? error.message : 'unreadable'}`,
    );
  }
  if (name !== origin)
    throw new FormatError(`log-key rotation names origin ${origin} but a key named ${name}`);
}
