export { fromBase64, toBase64 } from './base64.ts';
export { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
export {
  type CheckpointPolicy,
  type Cosignature,
  openCheckpoint,
  type VerifiedCheckpoint,
} from './checkpoint-open.ts';
export {
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifierFromKey,
  createCosignatureVerifier,
  createCosigner,
} from './cosignature.ts';
export {
  createEd25519Signer,
  createEd25519Verifier,
  generateEd25519Keys,
  signerFromKey,
  verifierFromKey,
  verifyEd25519,
} from './ed25519-note.ts';
export { decodeEntryBundle, encodeEntryBundle, MAX_ENTRY_SIZE } from './entry-bundle.ts';
export { FormatError, ProofError, SignatureError } from './errors.ts';
export { defaultHasher, HASH_SIZE, type Hasher, rfc9162Hasher } from './hasher.ts';
export {
  decodeKeyRotation,
  encodeKeyRotation,
  isKeyRotation,
  KEY_ROTATION_TAG,
  type KeyRotation,
} from './key-rotation.ts';
export { MemoryTree } from './memory-tree.ts';
export { consistencyRanges, inclusionRanges, type LeafRange, type NodeId, rangeNodes } from './node-id.ts';
export type { NodeSource, SyncNodeSource } from './node-source.ts';
export {
  computeKeyId,
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  keyIdHex,
  parseVerifierKey,
  SignatureType,
  type SignatureTypeByte,
  type VerifierKey,
} from './note-key.ts';
export {
  addSignatures,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  signNote,
  type VerifiedNote,
} from './note-verify.ts';
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
export {
  checkNoteText,
  formatSignatureLine,
  formatSignedNote,
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  parseSignedNote,
  type SignedNote,
} from './signed-note.ts';
export { joinTileHashes, nextTileLevel, parentHashes, perfectRoot, splitTileHashes } from './tile-hashes.ts';
export {
  entryBundlesForTreeSize,
  hashesAtLevel,
  tileContaining,
  tilesChangedBetween,
  tilesForTreeSize,
} from './tile-layout.ts';
export {
  createSyncTileNodeSource,
  createTileNodeSource,
  nodeFromTile,
  type TileFetcher,
  type TileReader,
  type TileSpan,
  tileSpanForNode,
} from './tile-node-source.ts';
export {
  decodeTileIndex,
  encodeTileIndex,
  entryBundlePath,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  type TileId,
  type TilePath,
  tilePath,
} from './tile-path.ts';
export { rootFromTiles, type TreeHead, verifyEntryBundle, verifyTiles } from './tile-verifier.ts';
export { buildTiles, type TileData } from './tile-writer.ts';
