import { equalBytes } from '@noble/curves/utils.js';
import { type Checkpoint, defaultHasher, ProofError, verifyInclusion } from '@parley/merkle-log';
import { verifyEpochSuccession } from './epochs.ts';
import { KeyDirectoryError } from './errors.ts';
import { commitmentHash } from './hashing.ts';
import {
  checkOpenedEntry,
  type DirectoryKeys,
  type LoggedEpoch,
  type LookupProof,
  type LookupResult,
  type OpenedEntry,
  verifyLoggedEpoch,
  verifyLookupWithLabel,
} from './lookup.ts';
import { type DirectoryValue, encodeKeyEvent, encodeValue } from './records.ts';
import { type TreeProof, verifyTreeProof } from './tree-proof.ts';

/** The tree at one logged epoch, for one label. */
export type EpochTreeProof = Readonly<{ epoch: LoggedEpoch; tree: TreeProof }>;

/**
 * How one version came to be: the entry in the tree at the epoch that set it, its key event in that
 * epoch's events tree, and the tree at the epoch before (the previous version, or no entry for the
 * first), which is null only when the version was set in epoch 0.
 */
export type VersionProof = Readonly<{
  entry: OpenedEntry;
  at: EpochTreeProof;
  eventIndex: number;
  eventInclusion: readonly Uint8Array[];
  before: EpochTreeProof | null;
}>;

/** Every version of a username's entry, oldest first, and the newest lookup. */
export type HistoryProof = Readonly<{ current: LookupProof; versions: readonly VersionProof[] }>;

export type VerifiedVersion = DirectoryValue & Readonly<{ version: number; epoch: number }>;

/** Equal commitments, where null (no entry) equals only null. */
function sameCommitment(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a === null || b === null ? a === b : equalBytes(a, b);
}

function treeAnswerAt(checkpoint: Checkpoint, label: Uint8Array, proof: EpochTreeProof) {
  const record = verifyLoggedEpoch(checkpoint, proof.epoch);
  return { record, answer: verifyTreeProof(record.root, label, proof.tree) };
}

function verifyEvent(label: Uint8Array, commitment: Uint8Array, version: VersionProof): void {
  const { record } = version.at.epoch;
  const leaf = defaultHasher.hashLeaf(encodeKeyEvent({ label, version: version.entry.version, commitment }));
  try {
    verifyInclusion(version.eventIndex, record.eventCount, leaf, version.eventInclusion, record.eventsRoot);
  } catch (e) {
    if (!(e instanceof ProofError)) throw e;
    throw new KeyDirectoryError('event_not_logged', `version ${version.entry.version} has no key event`);
  }
}

/**
 * Verifies a username's version history against an opened checkpoint: versions 1..n in increasing
 * epochs, each present in its epoch's tree, logged as a key event of that epoch, and replacing exactly
 * the previous version (or no entry); the newest lookup shows version n. Changes between two logged
 * versions are caught by auditing each epoch's transition, not here. Throws KeyDirectoryError.
 */
export function verifyHistory(
  rootCheckpoint: Checkpoint,
  username: string,
  proof: HistoryProof,
  keys: DirectoryKeys,
): { current: LookupResult; versions: readonly VerifiedVersion[] } {
  const { result: current, label } = verifyLookupWithLabel(rootCheckpoint, username, proof.current, keys);
  const versions: VerifiedVersion[] = [];
  let previousCommitment: Uint8Array | null = null;
  let previousEpoch = -1;
  for (const [i, version] of proof.versions.entries()) {
    const { entry } = version;
    if (entry.version !== i + 1)
      throw new KeyDirectoryError('history_invalid', `version ${i + 1} is missing`);
    const { record, answer } = treeAnswerAt(rootCheckpoint, label, version.at);
    if (record.epoch <= previousEpoch) {
      throw new KeyDirectoryError('history_invalid', `version ${entry.version} is not after version ${i}`);
    }
    const commitment = checkOpenedEntry(answer, label, entry);
    if (commitment === null)
      throw new KeyDirectoryError('history_invalid', 'opened entry without commitment');
    verifyEvent(label, commitment, version);
    checkBefore(rootCheckpoint, label, version, previousCommitment);
    const { accountKey, deviceList } = entry;
    versions.push({ version: entry.version, accountKey, deviceList, epoch: record.epoch });
    previousCommitment = commitment;
    previousEpoch = record.epoch;
  }
  // The newest version must be what the tree holds now: same commitment, not just the same number.
  const newest = proof.current.entry;
  const now = newest && commitmentHash(newest.opening, label, newest.version, encodeValue(newest));
  if (!sameCommitment(now, previousCommitment))
    throw new KeyDirectoryError('history_invalid', 'the history does not end at the current entry');
  return { current, versions };
}

function checkBefore(
  checkpoint: Checkpoint,
  label: Uint8Array,
  version: VersionProof,
  previousCommitment: Uint8Array | null,
): void {
  const at = version.at.epoch.record;
  if (version.before === null) {
    if (at.epoch !== 0)
      throw new KeyDirectoryError('history_invalid', `no proof of the tree before epoch ${at.epoch}`);
    if (previousCommitment !== null)
      throw new KeyDirectoryError('history_invalid', 'two versions in epoch 0');
    return;
  }
  const { record, answer } = treeAnswerAt(checkpoint, label, version.before);
  verifyEpochSuccession(record, at);
  const before = answer.found ? answer.commitment : null;
  if (!sameCommitment(before, previousCommitment)) {
    throw new KeyDirectoryError(
      'history_invalid',
      `version ${version.entry.version} does not replace the version before it`,
    );
  }
}
