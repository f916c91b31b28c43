/** Why a directory proof was refused; each names one thing a lying or broken server could do. */
export type KeyDirectoryErrorCode =
  /** Bytes are not in the exact wire format (wrong length, trailing data, out-of-range number). */
  | 'malformed'
  /** The VRF proof does not verify for this username under the directory's VRF key. */
  | 'vrf_invalid'
  /** The tree proof is about another label than VRF(username). */
  | 'label_mismatch'
  /** The tree proof does not lead to the epoch's root: a sibling, leaf or path was altered. */
  | 'root_mismatch'
  /** The value and opening shown do not open the commitment held in the tree. */
  | 'commitment_mismatch'
  /** The epoch record is not the one the signed log checkpoint holds at that position. */
  | 'epoch_not_logged'
  /** The proof is for an older epoch than the newest one the checkpoint covers. */
  | 'stale_epoch'
  /** The new log of epoch roots does not extend the one seen before. */
  | 'fork'
  /** The new log of epoch roots is shorter than the one seen before. */
  | 'rollback'
  /** A version history skips, repeats or reorders versions, or disagrees with the tree. */
  | 'history_invalid'
  /** A version appears in the tree without the key event that must have caused it. */
  | 'event_not_logged'
  /** An epoch's new root differs from its previous root with exactly its logged events applied. */
  | 'unlogged_change';

/** A key-directory proof did not verify; `code` says which check refused it. */
export class KeyDirectoryError extends Error {
  override readonly name = 'KeyDirectoryError';
  readonly code: KeyDirectoryErrorCode;

  constructor(code: KeyDirectoryErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
