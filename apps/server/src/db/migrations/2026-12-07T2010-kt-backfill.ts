import { type Kysely, sql } from 'kysely';

/**
 * Accounts registered before the key directory existed have no entry in it, so their contacts' devices
 * would refuse them (`kt-proof-missing`) until they next changed their devices. Each such account's current
 * keys are staged as a key event (its device list as the directory stores it: payload then signature), and
 * the next epoch publishes them as version 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into kt_pending (username, account_key, device_list, queued_at)
    select a.username, a.account_key, a.device_list_payload || a.device_list_signature, now()
    from accounts a
    where not exists (select 1 from kt_versions v where v.username = a.username)
    on conflict (username) do nothing`.execute(db);
}

export async function down(): Promise<void> {
  // Staged events are published or superseded; there is nothing to undo.
}
