/** A device session. Only the SHA-256 of the bearer token is stored. */
export type SessionsTable = {
  token_hash: Uint8Array;
  device_id: string;
  /** The UTC day at whose start the session lapses (a day only: see the data inventory). */
  expires_on: string;
};
