import { type Kysely, sql } from 'kysely';

/**
 * Published transparency reports: both documents, the signed note binding them to the checkpoint they were
 * computed from, and the log ticket of their `report` leaf. Append-only: a correction is a new publication.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transparency_reports')
    .addColumn('log_ticket', 'bigint', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('checkpoint_size', 'bigint', (c) => c.notNull())
    .addColumn('checkpoint_root', 'bytea', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('transparency_reports_period')
    .on('transparency_reports')
    .column('period')
    .execute();
  await sql`create trigger transparency_reports_append_only before update or delete on transparency_reports
    for each row execute function gov_refuse_change()`.execute(db);
  await sql`create trigger transparency_reports_no_truncate before truncate on transparency_reports
    for each statement execute function gov_refuse_change()`.execute(db);
}
