/** Integrated transparency-log entries, one per leaf. Append-only: a trigger refuses updates and deletes. */
export type LogEntriesTable = {
  /** Leaf index in the tree, from 0 without gaps. */
  idx: number;
  /** The queue id the entry had before integration, so an appender can learn where its entry landed. */
  ticket: number;
  data: Uint8Array;
  /** RFC 9162 leaf hash SHA-256(0x00 || data). */
  leaf_hash: Uint8Array;
  integrated_at: Date;
};
