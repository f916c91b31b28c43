import type { ColumnType } from 'kysely';

/** A preservation hold: a metadata snapshot, purged (set to null) at expiry. */
export type GovPreservationsTable = {
  reference: string;
  preserved_at: Date;
  expires_at: Date;
  snapshot: ColumnType<unknown, string | null, string | null>;
  purged_at: Date | null;
};
