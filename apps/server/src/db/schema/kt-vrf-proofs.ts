/** Each directory username's VRF proof, so a restart rebuilds labels without proving every name again. */
export type KtVrfProofsTable = {
  username: string;
  vrf_proof: Uint8Array;
};
