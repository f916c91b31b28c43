/** A staff or officer session (never a member's): SHA-256 of the token, exactly one principal. */
export type GovSessionsTable = {
  token_hash: Uint8Array;
  staff_id: string | null;
  officer_id: string | null;
  expires_at: Date;
};
