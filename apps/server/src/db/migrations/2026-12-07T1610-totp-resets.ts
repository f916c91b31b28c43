import { type Kysely, sql } from 'kysely';

/**
 * Resetting a lost authenticator takes two policy admins: one proposes (with a reason), another confirms
 * within 24 hours. At most one open proposal per person, so two resets cannot race each other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gov_totp_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_kind', 'text', (c) => c.notNull().check(sql`person_kind in ('staff', 'officer')`))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_as', 'text', (c) => c.check(sql`closed_as in ('confirmed', 'cancelled', 'expired')`))
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('gov_totp_resets_one_open')
    .on('gov_totp_resets')
    .columns(['person_kind', 'person_id'])
    .unique()
    .where(sql.ref('closed_at'), 'is', null)
    .execute();
}
