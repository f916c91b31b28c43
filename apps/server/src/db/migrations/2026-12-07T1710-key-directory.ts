import { type Kysely, sql } from 'kysely';

const appendOnly = ['kt_keys', 'kt_vrf_proofs', 'kt_epochs', 'kt_versions'] as const;

/**
 * The key directory (ADR 0010): its keys, the key events waiting for the next epoch, every published
 * version with its commitment opening, each name's VRF proof and each epoch's record and signed checkpoint.
 * Versions, proofs and epochs are append-only, like the transparency log; the pending queue shrinks as
 * epochs are published.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kt_keys')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('vrf_secret', 'text', (c) => c.notNull())
    .addColumn('note_skey', 'text', (c) => c.notNull())
    .addColumn('note_vkey', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kt_pending')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'bytea', (c) => c.notNull())
    .addColumn('device_list', 'bytea', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kt_vrf_proofs')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('vrf_proof', 'bytea', (c) => c.notNull())
    .addColumn('label', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kt_epochs')
    .addColumn('epoch', 'bigint', (c) => c.primaryKey())
    .addColumn('record', 'bytea', (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kt_versions')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull().references('kt_epochs.epoch'))
    .addColumn('account_key', 'bytea', (c) => c.notNull())
    .addColumn('device_list', 'bytea', (c) => c.notNull())
    .addColumn('opening', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('kt_versions_pk', ['username', 'version'])
    .execute();
  await db.schema.createIndex('kt_versions_epoch').on('kt_versions').columns(['epoch', 'username']).execute();
  await sql`
    create function kt_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'key directory table % is append-only: % refused', tg_table_name, tg_op
        using errcode = 'P0001';
    end $$`.execute(db);
  for (const table of appendOnly) {
    await sql`
      create trigger ${sql.id(`${table}_append_only`)}
      before update or delete or truncate on ${sql.table(table)}
      for each statement execute function kt_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['kt_versions', 'kt_epochs', 'kt_vrf_proofs', 'kt_pending', 'kt_keys']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function kt_refuse_change()`.execute(db);
}
