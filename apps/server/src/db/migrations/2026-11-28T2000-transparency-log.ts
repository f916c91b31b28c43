import { type Kysely, sql } from 'kysely';

/** Tables of the log that may only grow; the queue may also shrink, as the sequencer drains it. */
const appendOnly = ['log_entries', 'log_tiles', 'log_checkpoints', 'log_cosignatures', 'log_keys'] as const;

/**
 * The public transparency log: a queue filled in appenders' transactions, integrated entries, full tiles,
 * signed checkpoints, witness cosignatures and the log key. Triggers refuse UPDATE, DELETE and TRUNCATE, so
 * rewriting history needs a deliberate act by a database superuser, which `parley verify` then detects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('log_queue')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('log_entries')
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('ticket', 'bigint', (c) => c.notNull().unique())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('leaf_hash', 'bytea', (c) => c.notNull())
    .addColumn('integrated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('log_tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('root', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_tiles_pk', ['level', 'idx'])
    .execute();

  await db.schema
    .createTable('log_checkpoints')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'bytea', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('log_checkpoints_size').on('log_checkpoints').column('size').execute();

  await db.schema
    .createTable('log_cosignatures')
    .addColumn('checkpoint_id', 'bigint', (c) => c.notNull().references('log_checkpoints.id'))
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_cosignatures_pk', ['checkpoint_id', 'witness'])
    .execute();

  await db.schema
    .createTable('log_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('skey', 'text', (c) => c.notNull())
    .addColumn('vkey', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await sql`
    create function log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'transparency log table % is append-only: % refused', tg_table_name, tg_op
        using errcode = 'P0001';
    end $$`.execute(db);
  for (const table of appendOnly) {
    await sql`
      create trigger ${sql.id(`${table}_append_only`)}
      before update or delete or truncate on ${sql.table(table)}
      for each statement execute function log_refuse_change()`.execute(db);
  }
  await sql`
    create trigger log_queue_no_update before update or truncate on log_queue
    for each statement execute function log_refuse_change()`.execute(db);

  // Two roots signed for one size is a fork: refuse it at the source too.
  await sql`
    create function log_refuse_fork() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from log_checkpoints where size = new.size and root_hash <> new.root_hash) then
        raise exception 'log checkpoint for size % has a different root than one already signed', new.size
          using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger log_checkpoints_no_fork before insert on log_checkpoints
    for each row execute function log_refuse_fork()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'log_cosignatures',
    'log_checkpoints',
    'log_tiles',
    'log_entries',
    'log_queue',
    'log_keys',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function log_refuse_change()`.execute(db);
  await sql`drop function log_refuse_fork()`.execute(db);
}
