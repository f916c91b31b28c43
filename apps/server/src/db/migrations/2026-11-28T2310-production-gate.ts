import type { Kysely } from 'kysely';

/**
 * Links each production package to the governance event that records it, so the server can refuse to release
 * the package until that event's leaf is covered by a signed checkpoint of the public log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('gov_productions').addColumn('produced_event_seq', 'bigint').execute();
}
