import { type Kysely, sql } from 'kysely';

/**
 * Member sessions expire on a day, not at a moment: an expiry to the millisecond is the login time plus
 * thirty days, a finer activity record than the day-granular last-seen the data inventory promises.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('expires_on', 'date').execute();
  // The day the old expiry fell on: the session now lapses at that day's start, never later than before.
  await sql`update sessions set expires_on = (expires_at at time zone 'UTC')::date`.execute(db);
  await db.schema
    .alterTable('sessions')
    .alterColumn('expires_on', (c) => c.setNotNull())
    .execute();
  await db.schema.alterTable('sessions').dropColumn('expires_at').execute();
}
