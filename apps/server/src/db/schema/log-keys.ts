/**
 * The log's Ed25519 signing key, created on first start and kept here so that every server process sharing
 * the database signs as the same log. Append-only: a key is never changed in place.
 */
export type LogKeysTable = {
  /** Key name, which is also the log's origin line. */
  name: string;
  /** C2SP skey text (`PRIVATE+KEY+…`): the log's private key. */
  skey: string;
  /** The matching public vkey, served to verifiers. */
  vkey: string;
  created_at: Date;
};
