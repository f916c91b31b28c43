import type { Generated } from 'kysely';

/**
 * Entries appended to the transparency log but not yet integrated. Rows are inserted in the caller's
 * transaction and removed only by the sequencer, in the transaction that integrates them; never updated.
 */
export type LogQueueTable = {
  id: Generated<number>;
  data: Uint8Array;
  queued_at: Date;
};
