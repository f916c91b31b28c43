import { type Kysely, sql } from 'kysely';

/**
 * The key directory's secrets may be sealed after they were stored in clear, or sealed again under a new
 * key-encryption key, so `kt_keys` now accepts an update that changes `vrf_secret` or `note_skey` alone (the
 * origin, public key and creation time stay as first written); deleting or truncating is still refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger kt_keys_append_only on kt_keys`.execute(db);
  await sql`
    create trigger kt_keys_append_only before delete or truncate on kt_keys
    for each statement execute function kt_refuse_change()`.execute(db);
  await sql`
    create function kt_keys_reseal_only() returns trigger language plpgsql as $$
    begin
      if new.origin is distinct from old.origin or new.note_vkey is distinct from old.note_vkey
         or new.created_at is distinct from old.created_at then
        raise exception 'key directory table kt_keys is append-only: UPDATE refused (only a key''s sealing may change)'
          using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger kt_keys_reseal_only before update on kt_keys
    for each row execute function kt_keys_reseal_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger kt_keys_reseal_only on kt_keys`.execute(db);
  await sql`drop function kt_keys_reseal_only()`.execute(db);
  await sql`drop trigger kt_keys_append_only on kt_keys`.execute(db);
  await sql`
    create trigger kt_keys_append_only before update or delete or truncate on kt_keys
    for each statement execute function kt_refuse_change()`.execute(db);
}
