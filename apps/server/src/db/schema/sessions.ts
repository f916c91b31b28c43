/** A device session. Only the SHA-256 of the bearer token is stored. */
export type SessionsTable = {
  token_hash: Uint8Array;
  device_id: string;
  expires_at: Date;
};
