import type { Generated } from 'kysely';

/**
 * The feed the transparency log consumes (append-only): each domain event's public part as its canonical
 * bytes and their RFC 9162 leaf hash, in commit order.
 */
export type GovernanceEventsTable = {
  seq: Generated<number>;
  recorded_at: Date;
  stream: string;
  chain_id: string;
  chain_seq: number;
  kind: string;
  public_bytes: Uint8Array;
  leaf_hash: string;
};
