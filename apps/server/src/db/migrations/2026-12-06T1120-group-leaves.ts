import { type Kysely, sql } from 'kysely';

/**
 * Membership the delivery service can check: commits are MLS PublicMessages, and the server keeps which
 * device holds each leaf of each group's tree (a device deleted from its account's list leaves its leaf
 * held, with no device, until a member commits its removal), the conversation's admins as the commits set
 * them, and the latest GroupInfo for members that must rejoin. Groups created before this have no leaf map:
 * their commits are refused, and their members start new conversations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_leaves')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('leaf_index', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.references('devices.id').onDelete('set null'))
    .addPrimaryKeyConstraint('group_leaves_pk', ['group_id', 'leaf_index'])
    .execute();
  await db.schema.createIndex('group_leaves_device').on('group_leaves').column('device_id').execute();
  await db.schema
    .alterTable('groups')
    .addColumn('admins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.alterTable('groups').addColumn('group_info', 'bytea').execute();
}
