import { type Kysely, sql } from 'kysely';

/**
 * Witness cosignatures of the key directory's epoch log checkpoints, one per witness and epoch, verified
 * before they are stored. Append-only like the epochs they cosign.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kt_cosignatures')
    .addColumn('epoch', 'bigint', (c) => c.notNull().references('kt_epochs.epoch'))
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kt_cosignatures_pk', ['epoch', 'witness'])
    .execute();
  await sql`
    create trigger kt_cosignatures_append_only
    before update or delete or truncate on kt_cosignatures
    for each statement execute function kt_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kt_cosignatures').execute();
}
