export { fromBase64, toBase64 } from './base64.ts';
export { FormatError, ProofError, SignatureError } from './errors.ts';
export { defaultHasher, HASH_SIZE, type Hasher, rfc9162Hasher } from './hasher.ts';
export { MemoryTree } from './memory-tree.ts';
export { consistencyRanges, inclusionRanges, type LeafRange, type NodeId, rangeNodes } from './node-id.ts';
export type { NodeSource, SyncNodeSource } from './node-source.ts';
export {
  assembleProof,
  type ProofPlan,
  planConsistencyProof,
  planInclusionProof,
  planTreeRoot,
  proveConsistency,
  proveConsistencySync,
  proveInclusion,
  proveInclusionSync,
  treeRoot,
  treeRootSync,
} from './proof-builder.ts';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proof-verifier.ts';
