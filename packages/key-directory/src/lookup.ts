import { equalBytes } from '@noble/curves/utils.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { type Checkpoint, defaultHasher, ProofError, verifyInclusion } from '@parley/merkle-log';
import { KeyDirectoryError } from './errors.ts';
import { commitmentHash, labelFromVrfOutput } from './hashing.ts';
import { type DirectoryValue, type EpochRecord, encodeEpochRecord, encodeValue } from './records.ts';
import { type TreeAnswer, type TreeProof, verifyTreeProof } from './tree-proof.ts';
import { vrfVerify } from './vrf.ts';

/** What a client pins about a directory, beside the log key and witnesses that sign its checkpoints. */
export type DirectoryKeys = Readonly<{ vrfPublicKey: Uint8Array }>;

/** An entry as the server opens it: the value, its version and the commitment's random opening. */
export type OpenedEntry = DirectoryValue & Readonly<{ version: number; opening: Uint8Array }>;

/** An epoch record with its RFC 9162 inclusion proof in the epoch log at the checkpoint's size. */
export type LoggedEpoch = Readonly<{ record: EpochRecord; inclusion: readonly Uint8Array[] }>;

/** The server's answer to "what are this username's keys?" at the newest epoch. */
export type LookupProof = Readonly<{
  vrfProof: Uint8Array;
  epoch: LoggedEpoch;
  tree: TreeProof;
  /** null when the username has no entry. */
  entry: OpenedEntry | null;
}>;

/** A verified lookup: the epoch it is true at and the entry, or null for a username with none. */
export type LookupResult = Readonly<{
  epoch: number;
  entry: (DirectoryValue & Readonly<{ version: number }>) | null;
}>;

/** The label a username maps to, once its VRF proof verifies under the pinned key. */
function verifiedLabel(keys: DirectoryKeys, username: string, vrfProof: Uint8Array): Uint8Array {
  return labelFromVrfOutput(vrfVerify(keys.vrfPublicKey, utf8ToBytes(username), vrfProof));
}

/** Checks that `logged` is the record at its epoch's position in the log the checkpoint signs. */
export function verifyLoggedEpoch(checkpoint: Checkpoint, logged: LoggedEpoch): EpochRecord {
  const { record } = logged;
  const leaf = defaultHasher.hashLeaf(encodeEpochRecord(record));
  try {
    verifyInclusion(record.epoch, checkpoint.size, leaf, logged.inclusion, checkpoint.rootHash);
  } catch (e) {
    if (!(e instanceof ProofError)) throw e;
    throw new KeyDirectoryError('epoch_not_logged', `epoch ${record.epoch} is not in the log: ${e.message}`);
  }
  return record;
}

/** Checks that the tree's answer is exactly the opened entry (or its absence) for this label. */
export function checkOpenedEntry(
  answer: TreeAnswer,
  label: Uint8Array,
  entry: OpenedEntry | null,
): Uint8Array | null {
  if (entry === null) {
    if (answer.found)
      throw new KeyDirectoryError('commitment_mismatch', 'the tree holds an entry left unopened');
    return null;
  }
  if (!answer.found) throw new KeyDirectoryError('label_mismatch', 'the tree holds no entry for this label');
  const commitment = commitmentHash(entry.opening, label, entry.version, encodeValue(entry));
  if (!equalBytes(commitment, answer.commitment)) {
    throw new KeyDirectoryError('commitment_mismatch', 'the value shown is not the one the tree commits to');
  }
  return commitment;
}

/**
 * Verifies a lookup against a checkpoint of the epoch log that the caller has already opened (log
 * signature and witness quorum, `openCheckpoint` in merkle-log) and checked extends the last one it
 * saw (`verifyEpochExtension`). The proof must be for the checkpoint's newest epoch. Returns the entry
 * or null; throws KeyDirectoryError naming the check that failed.
 */
export function verifyLookup(
  rootCheckpoint: Checkpoint,
  username: string,
  proof: LookupProof,
  keys: DirectoryKeys,
): LookupResult {
  return verifyLookupWithLabel(rootCheckpoint, username, proof, keys).result;
}

/** verifyLookup, also returning the label, so callers that go on to check history prove the VRF once. */
export function verifyLookupWithLabel(
  rootCheckpoint: Checkpoint,
  username: string,
  proof: LookupProof,
  keys: DirectoryKeys,
): { result: LookupResult; label: Uint8Array } {
  const label = verifiedLabel(keys, username, proof.vrfProof);
  const newest = rootCheckpoint.size - 1;
  if (proof.epoch.record.epoch !== newest) {
    const code = proof.epoch.record.epoch < newest ? 'stale_epoch' : 'epoch_not_logged';
    throw new KeyDirectoryError(code, `proof is for epoch ${proof.epoch.record.epoch}, newest is ${newest}`);
  }
  const record = verifyLoggedEpoch(rootCheckpoint, proof.epoch);
  checkOpenedEntry(verifyTreeProof(record.root, label, proof.tree), label, proof.entry);
  const entry = proof.entry;
  const result = {
    epoch: record.epoch,
    entry: entry && { version: entry.version, accountKey: entry.accountKey, deviceList: entry.deviceList },
  };
  return { result, label };
}
