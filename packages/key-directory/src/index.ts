export { KeyDirectoryError, type KeyDirectoryErrorCode } from './errors.ts';
export { commitmentHash, EMPTY_HASH, HASH_SIZE, labelFromVrfOutput } from './hashing.ts';
export { SparseMerkleTree } from './sparse-tree.ts';
export { type TreeAnswer, type TreeProof, verifyTreeProof } from './tree-proof.ts';
export { VRF_OUTPUT_SIZE, VRF_PROOF_SIZE, vrfProofToHash, vrfProve, vrfPublicKey, vrfVerify } from './vrf.ts';
