/**
 * One row per governance event published in the disclosure log (append-only): the ticket of the leaf
 * appended, the event's commitment key, and for a sealed event the nonce and the leaf a reveal will publish.
 */
export type DisclosureLeavesTable = {
  event_seq: number;
  log_ticket: number;
  event_key: Uint8Array | null;
  leaf: Uint8Array;
  sealed_until: Date | null;
  seal_nonce: Uint8Array | null;
};
