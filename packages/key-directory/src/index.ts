export { KeyDirectoryError, type KeyDirectoryErrorCode } from './errors.ts';
export { VRF_OUTPUT_SIZE, VRF_PROOF_SIZE, vrfProofToHash, vrfProve, vrfPublicKey, vrfVerify } from './vrf.ts';
