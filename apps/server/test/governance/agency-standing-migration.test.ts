import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/db/database.ts';
import { isUniqueViolation } from '../../src/db/errors.ts';
import { accessStore } from '../../src/modules/gov-access/store.ts';
import { freshDatabase } from '../support/fresh-database.ts';

describe('migration 2026-12-07T1600-agency-standing', () => {
  it('keeps approved agencies approved and live officers’ addresses unique, and frees a retired one’s', async () => {
    await using db = await freshDatabase();
    await migrateDatabase(db, '2026-12-06T1120-group-leaves');
    await sql`insert into gov_agencies (id, name, kind, jurisdiction, email_domains, callback_number,
        callback_source, registered_by, registered_at, approved_by, approved_at)
      values ('a1', 'Politie', 'police', 'NL', '["politie.nl"]', '+31 900 8844', 'directory', 's1',
        '2026-11-01T00:00:00Z', 's2', '2026-11-02T00:00:00Z')`.execute(db);
    const officer = (id: string) => sql`insert into gov_officers (id, agency_id, email, name, password_hash,
        totp_secret, created_by, created_at)
      values (${id}, 'a1', 'j@politie.nl', 'J', 'hash', 'SECRET', 's1', '2026-11-03T00:00:00Z')`;
    await officer('o1').execute(db);

    await migrateDatabase(db);

    expect((await accessStore.agency(db, 'a1'))?.standing).toBe('approved');
    const twin = await officer('o2')
      .execute(db)
      .then(
        () => 'inserted',
        (e: unknown) => (isUniqueViolation(e) ? 'unique violation' : String(e)),
      );
    expect(twin).toBe('unique violation');
    await sql`update gov_officers set retired_at = now() where id = 'o1'`.execute(db);
    await officer('o2').execute(db);
    expect((await accessStore.officerByEmail(db, 'j@politie.nl'))?.id).toBe('o2');
  });
});
