import { type Kysely, sql } from 'kysely';

/**
 * An approved agency can be suspended (and reinstated) or withdrawn for good. The row holds its standing now
 * and the last reason; every change, with its reason, stays in an append-only history beside the audit trail. A withdrawn agency's officers are retired, not deleted (cases and the audit name
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
  await db.schema
    .createTable('gov_agency_standing_changes')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('gov_agencies.id'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('suspend', 'reinstate', 'withdraw')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gov_agency_standing_changes_agency')
    .on('gov_agency_standing_changes')
    .columns(['agency_id', 'seq'])
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
