import { type Kysely, sql } from 'kysely';

/** Accounts, devices, sessions, key packages and the group delivery service. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('account_key', 'bytea', (c) => c.notNull())
    .addColumn('device_list_payload', 'bytea', (c) => c.notNull())
    .addColumn('device_list_signature', 'bytea', (c) => c.notNull())
    .addColumn('device_list_version', 'integer', (c) => c.notNull())
    .addColumn('jurisdiction', 'text')
    .addColumn('created_on', 'date', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('signature_key', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_on', 'date', (c) => c.notNull())
    .addColumn('last_seen_on', 'date', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_account').on('devices').column('account_id').execute();

  await db.schema
    .createTable('auth_challenges')
    .addColumn('challenge', 'bytea', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_device').on('sessions').column('device_id').execute();

  await db.schema
    .createTable('key_packages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('package', 'bytea', (c) => c.notNull())
    .addColumn('last_resort', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_packages_device')
    .on('key_packages')
    .columns(['device_id', 'last_resort'])
    .execute();
  await sql`create unique index key_packages_one_last_resort on key_packages (device_id) where last_resort`.execute(
    db,
  );

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_on', 'date', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('from_seq', 'bigint', (c) => c.notNull())
    .addColumn('until_seq', 'bigint')
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'device_id'])
    .execute();
  await db.schema.createIndex('group_members_device').on('group_members').column('device_id').execute();

  await db.schema
    .createTable('group_messages')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('application', 'commit', 'welcome')`))
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'bytea', (c) => c.notNull())
    .addColumn('audience', sql`text[]`)
    .addColumn('client_id', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_messages_pk', ['group_id', 'seq'])
    .execute();
  await sql`create unique index group_messages_client_id on group_messages (group_id, client_id) where client_id is not null`.execute(
    db,
  );
  await db.schema.createIndex('group_messages_expiry').on('group_messages').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'group_messages',
    'group_members',
    'groups',
    'key_packages',
    'sessions',
    'auth_challenges',
    'devices',
    'accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
