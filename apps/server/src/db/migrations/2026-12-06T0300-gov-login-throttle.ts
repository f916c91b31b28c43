import type { Kysely } from 'kysely';

/**
 * Per-account sign-in backoff for staff and officers. Keyed by a hash of the submitted login name, not the
 * account id, so an unknown name is throttled exactly like a real one and the answers reveal nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gov_login_throttle')
    .addColumn('subject', 'bytea', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
