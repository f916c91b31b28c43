/** Each directory username's VRF proof, so a restart rebuilds labels without proving every name again. */
export type KtVrfProofsTable = {
  username: string;
  vrf_proof: Uint8Array;
  /** The label derived from it: SHA-256 of the VRF output, the name's position in the tree. */
  label: Uint8Array;
};
