import type { Generated } from 'kysely';

/** Every checkpoint the log signed, including the periodic re-signing of an unchanged tree. Append-only. */
export type LogCheckpointsTable = {
  id: Generated<number>;
  size: number;
  root_hash: Uint8Array;
  /** The signed note: checkpoint body, blank line, the log's signature line. */
  note: string;
  signed_at: Date;
};
