import type { JsonColumn } from './gov-json.ts';

/** A production package, downloadable by the requesting officer until `expires_at`. */
export type GovProductionsTable = {
  reference: string;
  created_at: Date;
  expires_at: Date;
  package: JsonColumn;
  manifest_digest: string;
};
