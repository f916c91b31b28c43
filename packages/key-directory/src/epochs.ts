import { equalBytes } from '@noble/curves/utils.js';
import { type Checkpoint, ProofError, verifyConsistency } from '@parley/merkle-log';
import { KeyDirectoryError } from './errors.ts';
import type { EpochRecord } from './records.ts';

/**
 * Checks that the epoch log at `next` extends the one at `old` (RFC 9162 consistency), so no epoch a
 * client has seen was rewritten. Both checkpoints must already be opened (signatures, witnesses).
 * Throws KeyDirectoryError: 'rollback' when `next` is shorter, 'fork' when it does not extend `old`.
 */
export function verifyEpochExtension(
  old: Checkpoint,
  next: Checkpoint,
  consistencyProof: readonly Uint8Array[],
): void {
  if (old.origin !== next.origin) {
    throw new KeyDirectoryError('fork', `checkpoint of ${next.origin}, not of ${old.origin}`);
  }
  if (next.size < old.size) {
    throw new KeyDirectoryError('rollback', `log shrank from ${old.size} to ${next.size} epochs`);
  }
  if (old.size === 0) return;
  try {
    verifyConsistency(old.size, next.size, old.rootHash, next.rootHash, consistencyProof);
  } catch (e) {
    if (!(e instanceof ProofError)) throw e;
    throw new KeyDirectoryError(
      'fork',
      `epoch ${next.size - 1} does not extend epoch ${old.size - 1}: ${e.message}`,
    );
  }
}

/** Checks that `next` is the epoch right after `previous` and starts from its root. */
export function verifyEpochSuccession(previous: EpochRecord, next: EpochRecord): void {
  if (next.epoch !== previous.epoch + 1) {
    throw new KeyDirectoryError('history_invalid', `epoch ${next.epoch} does not follow ${previous.epoch}`);
  }
  if (!equalBytes(next.previousRoot, previous.root)) {
    throw new KeyDirectoryError(
      'fork',
      `epoch ${next.epoch} does not start from epoch ${previous.epoch}'s root`,
    );
  }
}
