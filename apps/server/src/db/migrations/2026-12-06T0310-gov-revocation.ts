import type { Kysely } from 'kysely';

/**
 * A policy admin can disable a staff member or officer without deleting them: the audit trail and the cases
 * still name them, while sign-in is refused and their sessions are gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['gov_staff', 'gov_officers']) {
    await db.schema
      .alterTable(table)
      .addColumn('disabled_at', 'timestamptz')
      .addColumn('disabled_by', 'text')
      .execute();
  }
}
