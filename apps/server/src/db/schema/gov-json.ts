import type { ColumnType } from 'kysely';

/** A jsonb column: written as JSON text, read back as an unknown value the store validates before use. */
export type JsonColumn = ColumnType<unknown, string, string>;
