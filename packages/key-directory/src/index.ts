export { decodeEpochAudit, encodeEpochAudit } from './audit-encoding.ts';
export { KeyDirectory, type KeyDirectoryOptions } from './directory.ts';
export { decodeLookupProof, encodeLookupProof } from './encoding.ts';
export { type AuditStep, type EpochAudit, verifyEpochAudit } from './epoch-audit.ts';
export { verifyEpochExtension, verifyEpochSuccession } from './epochs.ts';
export { KeyDirectoryError, type KeyDirectoryErrorCode } from './errors.ts';
export { commitmentHash, EMPTY_HASH, HASH_SIZE, labelFromVrfOutput } from './hashing.ts';
export {
  type EpochTreeProof,
  type HistoryProof,
  type VerifiedVersion,
  type VersionProof,
  verifyHistory,
} from './history.ts';
export { decodeHistoryProof, encodeHistoryProof } from './history-encoding.ts';
export {
  type DirectoryKeys,
  type LoggedEpoch,
  type LookupProof,
  type LookupResult,
  type OpenedEntry,
  verifyLoggedEpoch,
  verifyLookup,
} from './lookup.ts';
export {
  type DirectoryValue,
  decodeEpochRecord,
  type EpochRecord,
  encodeEpochRecord,
  encodeKeyEvent,
  encodeValue,
  type KeyEvent,
} from './records.ts';
export { SparseMerkleTree } from './sparse-tree.ts';
export { type TreeAnswer, type TreeProof, verifyTreeProof } from './tree-proof.ts';
export { VRF_OUTPUT_SIZE, VRF_PROOF_SIZE, vrfProofToHash, vrfProve, vrfPublicKey, vrfVerify } from './vrf.ts';
