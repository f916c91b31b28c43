import { type Kysely, sql } from 'kysely';

/**
 * The log's signing key may be sealed under a key-encryption key after it was stored in clear, so `log_keys`
 * now accepts an update that changes `skey` alone (its name, public key and creation time stay as first
 * written); deleting or truncating is still refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger log_keys_append_only on log_keys`.execute(db);
  await sql`
    create trigger log_keys_append_only before delete or truncate on log_keys
    for each statement execute function log_refuse_change()`.execute(db);
  await sql`
    create function log_keys_reseal_only() returns trigger language plpgsql as $$
    begin
      if new.name is distinct from old.name or new.vkey is distinct from old.vkey
         or new.created_at is distinct from old.created_at then
        raise exception 'transparency log table log_keys is append-only: UPDATE refused (only a key''s sealing may change)'
          using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger log_keys_reseal_only before update on log_keys
    for each row execute function log_keys_reseal_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger log_keys_reseal_only on log_keys`.execute(db);
  await sql`drop function log_keys_reseal_only()`.execute(db);
  await sql`drop trigger log_keys_append_only on log_keys`.execute(db);
  await sql`
    create trigger log_keys_append_only before update or delete or truncate on log_keys
    for each statement execute function log_refuse_change()`.execute(db);
}
