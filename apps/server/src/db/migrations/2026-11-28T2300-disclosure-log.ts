import { type Kysely, sql } from 'kysely';

/**
 * The disclosure log's private side: for each governance event, the log ticket of its leaf, the random key
 * its commitments use and, for an event sealed under a non-disclosure order, the nonce and the leaf to
 * reveal when the order lapses. Append-only, like the events themselves: a reveal is a new row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disclosure_leaves')
    .addColumn('event_seq', 'bigint', (c) => c.primaryKey().references('governance_events.seq'))
    .addColumn('log_ticket', 'bigint', (c) => c.notNull())
    .addColumn('event_key', 'bytea')
    .addColumn('leaf', 'bytea', (c) => c.notNull())
    .addColumn('sealed_until', 'timestamptz')
    .addColumn('seal_nonce', 'bytea')
    .execute();
  await db.schema
    .createIndex('disclosure_leaves_sealed')
    .on('disclosure_leaves')
    .column('sealed_until')
    .where(sql.ref('sealed_until'), 'is not', null)
    .execute();
  await db.schema
    .createTable('disclosure_reveals')
    .addColumn('event_seq', 'bigint', (c) => c.primaryKey().references('disclosure_leaves.event_seq'))
    .addColumn('log_ticket', 'bigint', (c) => c.notNull())
    .addColumn('revealed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  for (const table of ['disclosure_leaves', 'disclosure_reveals']) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function gov_refuse_change()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function gov_refuse_change()`.execute(db);
  }
}
