import {
  decodeKeyRotation,
  type KeyRotation,
  openCheckpoint,
  parseVerifierKey,
  toBase64,
  verifierFromKey,
} from '@parley/merkle-log';
import { type LogHandover, LogHandovers, logPrefix, routes } from '@parley/protocol';
import type { LogFetcher } from './log-fetcher.ts';
import { LogVerificationError } from './log-verification-error.ts';

/** The key that signed the log from entry `from` on (until the next era), and the origin it signs as. */
export type KeyEra = Readonly<{ vkey: string; origin: string; from: number }>;

/** A log-key rotation entry found in the verified tree. */
export type SeenRotation = Readonly<{ index: number; rotation: KeyRotation }>;

export const handoversPath = routes.logHandovers.path.slice(logPrefix.length);

const text = new TextDecoder('utf-8', { fatal: true });
const fail = (message: string) => new LogVerificationError('handover', message);
const nameOf = (vkey: string) => {
  try {
    return parseVerifierKey(vkey).name;
  } catch {
    throw fail(`a handover names ${JSON.stringify(vkey.slice(0, 80))}, which is not a note key`);
  }
};

/** The log's handovers, oldest first; a log that has never rotated may not serve the resource at all. */
export async function fetchHandovers(fetch: LogFetcher): Promise<readonly LogHandover[]> {
  const bytes = await fetch(handoversPath);
  if (bytes === undefined) return [];
  try {
    return LogHandovers.parse(JSON.parse(text.decode(bytes))).handovers;
  } catch {
    throw fail(`${handoversPath} is not a list of log-key handovers`);
  }
}

/** Reads an entry that carries the rotation tag; a malformed one breaks the log. */
export function readRotation(index: number, entry: Uint8Array): SeenRotation {
  try {
    return { index, rotation: decodeKeyRotation(entry) };
  } catch (error) {
    throw fail(`entry ${index}: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
}

/**
 * From the key this verifier trusts to the key that signs as `origin`: each step is a handover checkpoint
 * opened under the key trusted so far, which hands trust to the key it names. Whether each handover is this
 * tree's, and names the key its rotation entry announces, is checked by `checkKeyHistory` once the tree is.
 */
export function followHandovers(trusted: string, origin: string, handovers: readonly LogHandover[]): string {
  let current = trusted;
  for (let step = 0; nameOf(current) !== origin; step++) {
    const handover = handovers.find((h) => h.oldVkey === current);
    if (handover === undefined || step >= handovers.length)
      throw fail(
        `the checkpoint is signed as ${origin}, but the log announces no handover to it from ${nameOf(current)}, ` +
          'the key this verifier trusts: the log key was changed without a rotation announced in the log',
      );
    openHandover(handover);
    current = handover.newVkey;
  }
  return current;
}

/**
 * Checks the log's key history against the verified tree, and returns its eras: every rotation entry has
 * exactly one handover, at the size that first covers it, signed by the key in force before it, over this
 * tree's root at that size, naming the key the entry announces; and the checkpoint is signed by the key in
 * force at its size, or at the handover's size by the key it hands over to (a retired key signing past its
 * handover is refused).
 */
export function checkKeyHistory(
  input: Readonly<{
    rotations: readonly SeenRotation[];
    handovers: readonly LogHandover[];
    signer: string;
    size: number;
    rootAt: (size: number) => Uint8Array;
  }>,
): KeyEra[] {
  const { rotations, size, signer } = input;
  const handovers = input.handovers.filter((h) => h.size <= size);
  const first = handovers[0]?.oldVkey ?? signer;
  const eras: KeyEra[] = [{ vkey: first, origin: nameOf(first), from: 0 }];
  for (const [i, handover] of handovers.entries()) {
    const seen = rotations[i];
    const entry = handover.size - 1;
    if (seen === undefined || seen.index !== entry)
      throw fail(
        `the log serves a handover from ${handover.oldOrigin} at size ${handover.size}, but entry ${entry} is not its key rotation`,
      );
    const previous = eras.at(-1)?.vkey;
    if (handover.oldVkey !== previous || handover.oldOrigin !== nameOf(handover.oldVkey))
      throw fail(`the handover at size ${handover.size} is from another key than the one then in force`);
    if (seen.rotation.vkey !== handover.newVkey)
      throw fail(
        `entry ${entry} announces the key ${seen.rotation.vkey}, but its handover hands over to ${handover.newVkey}`,
      );
    const opened = openHandover(handover);
    if (toBase64(opened.rootHash) !== toBase64(input.rootAt(handover.size)))
      throw new LogVerificationError(
        'fork',
        `fork: the handover from ${handover.oldOrigin} is signed over another tree of size ${handover.size} than this one`,
      );
    eras.push({ vkey: seen.rotation.vkey, origin: seen.rotation.origin, from: handover.size });
  }
  const unannounced = rotations[handovers.length];
  if (unannounced !== undefined)
    throw fail(`entry ${unannounced.index} rotates the log key, but the log serves no handover for it`);
  // The handover's tree is signed by both keys: the old one hands it over, the new one signs it first.
  const inForce = eras.filter((era) => era.from < size).at(-1) ?? eras[0];
  const incoming = eras.find((era) => era.from === size && era.from > 0);
  if (inForce !== undefined && inForce.vkey !== signer && incoming?.vkey !== signer)
    throw fail(
      `the checkpoint of size ${size} is signed by ${nameOf(signer)}, but the key in force at that size is ${incoming?.origin ?? inForce.origin}`,
    );
  return eras;
}

/** The key that signed what the log held at entry `index` (a report's note is signed before its leaf). */
export function keyForEntry(eras: readonly KeyEra[], index: number): KeyEra | undefined {
  return eras.filter((era) => era.from <= index).at(-1);
}

function openHandover(handover: LogHandover) {
  let checkpoint: ReturnType<typeof openCheckpoint>['checkpoint'];
  try {
    checkpoint = openCheckpoint(handover.checkpoint, {
      origin: nameOf(handover.oldVkey),
      log: verifierFromKey(handover.oldVkey),
    }).checkpoint;
  } catch (error) {
    throw fail(
      `the handover from ${handover.oldOrigin} is not signed by its key: ${error instanceof Error ? error.message : 'unreadable'}`,
    );
  }
  if (checkpoint.size !== handover.size)
    throw fail(
      `the handover from ${handover.oldOrigin} says size ${handover.size} but signs ${checkpoint.size}`,
    );
  return checkpoint;
}
