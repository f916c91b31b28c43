/** One audit event; `hash` = SHA-256 over the previous hash and this event, so an edit breaks the chain. */
export type GovAuditTable = {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  object: string;
  prev_hash: Uint8Array;
  hash: Uint8Array;
};
