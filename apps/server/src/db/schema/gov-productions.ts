import type { JsonColumn } from './gov-json.ts';

/** A production package, downloadable by the requesting officer until `expires_at`. */
export type GovProductionsTable = {
  reference: string;
  created_at: Date;
  expires_at: Date;
  package: JsonColumn;
  manifest_digest: string;
  /** The `produced` governance event: its leaf must be under a signed checkpoint before release. */
  produced_event_seq: number | null;
};
