import { type Kysely, sql } from 'kysely';

/**
 * An approved agency can be suspended (and reinstated) or withdrawn for good, with the reason kept on the row
 * beside the audit trail. A withdrawn agency's officers are retired, not deleted (cases and the audit name
 * them), and their e-mail addresses become free for the agency's officers if it is registered again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('gov_agencies')
    .addColumn('suspended_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('standing_reason', 'text')
    .addColumn('standing_changed_by', 'text')
    .addColumn('standing_changed_at', 'timestamptz')
    .execute();
  await db.schema.alterTable('gov_officers').addColumn('retired_at', 'timestamptz').execute();
  await db.schema.alterTable('gov_officers').dropConstraint('gov_officers_email_key').execute();
  await db.schema
    .createIndex('gov_officers_live_email')
    .on('gov_officers')
    .column('email')
    .unique()
    .where(sql.ref('retired_at'), 'is', null)
    .execute();
}
