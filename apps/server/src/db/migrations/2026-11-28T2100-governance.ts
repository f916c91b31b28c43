import { type Kysely, sql } from 'kysely';

/**
 * Government requests: the staff and officer registries, sessions, the audit trail, jurisdiction policies,
 * cases with their documents and targets, the event feed for the transparency log, productions,
 * preservations and member notices. The audit trail, the event feed and policy versions are append-only:
 * a trigger refuses UPDATE, DELETE and TRUNCATE, so even a bug (or a hurried operator) cannot rewrite them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gov_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text', (c) => c.notNull())
    .addColumn('totp_last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gov_agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('email_domains', 'jsonb', (c) => c.notNull())
    .addColumn('callback_number', 'text', (c) => c.notNull())
    .addColumn('callback_source', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('gov_officers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('gov_agencies.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text', (c) => c.notNull())
    .addColumn('totp_last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gov_sessions')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.references('gov_staff.id').onDelete('cascade'))
    .addColumn('officer_id', 'text', (c) => c.references('gov_officers.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('gov_sessions_one_principal', sql`(staff_id is null) <> (officer_id is null)`)
    .execute();

  await db.schema
    .createTable('gov_audit')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'bytea', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gov_policy_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('proposal', 'jsonb', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('gov_policy_versions')
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.references('gov_policy_proposals.id'))
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('gov_policy_versions_pk', ['jurisdiction', 'version'])
    .execute();

  await db.schema
    .createTable('gov_cases')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('gov_agencies.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('gov_officers.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('case_record', 'jsonb', (c) => c.notNull())
    .addColumn('acknowledgement', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gov_cases_agency')
    .on('gov_cases')
    .columns(['agency_id', 'received_at'])
    .execute();
  await db.schema.createIndex('gov_cases_state').on('gov_cases').columns(['state', 'received_at']).execute();

  await db.schema
    .createTable('gov_case_targets')
    .addColumn('reference', 'text', (c) => c.notNull().references('gov_cases.reference'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addPrimaryKeyConstraint('gov_case_targets_pk', ['reference', 'position'])
    .execute();
  await db.schema
    .createIndex('gov_case_targets_account')
    .on('gov_case_targets')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('gov_documents')
    .addColumn('reference', 'text', (c) => c.primaryKey().references('gov_cases.reference'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('governance_events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('chain_seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('public_bytes', 'bytea', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('governance_events_chain', ['chain_id', 'chain_seq'])
    .execute();

  await db.schema
    .createTable('governance_event_private')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().references('governance_events.seq'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('private', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gov_productions')
    .addColumn('reference', 'text', (c) => c.primaryKey().references('gov_cases.reference'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('package', 'jsonb', (c) => c.notNull())
    .addColumn('manifest_digest', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gov_preservations')
    .addColumn('reference', 'text', (c) => c.primaryKey().references('gov_cases.reference'))
    .addColumn('preserved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb')
    .addColumn('purged_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('gov_member_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().references('gov_cases.reference'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('notice', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gov_member_notices_account')
    .on('gov_member_notices')
    .column('account_id')
    .execute();

  await sql`create function gov_refuse_change() returns trigger language plpgsql as $$
    begin raise exception 'table % is append-only', tg_table_name; end $$`.execute(db);
  for (const table of ['gov_audit', 'governance_events', 'governance_event_private', 'gov_policy_versions']) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function gov_refuse_change()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function gov_refuse_change()`.execute(db);
  }
}
