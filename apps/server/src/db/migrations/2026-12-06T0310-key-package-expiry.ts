import { type Kysely, sql } from 'kysely';

/**
 * KeyPackages expire: an unused package's init key is a long-term secret of its device. Packages published
 * before this carry an unlimited lifetime, so they are given 90 days from the migration, time enough for
 * their devices to publish dated ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('key_packages').addColumn('expires_on', 'date').execute();
  await sql`update key_packages set expires_on = current_date + 90`.execute(db);
  await db.schema
    .alterTable('key_packages')
    .alterColumn('expires_on', (c) => c.setNotNull())
    .execute();
}
