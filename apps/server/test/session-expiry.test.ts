import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/db/database.ts';
import { ManualClock, type ParleyServer } from '../src/index.ts';
import { freshDatabase } from './support/fresh-database.ts';
import { RawDevice } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('member sessions are stored to the day', () => {
  it('keeps no login time in the sessions table, and a session lapses at the start of its day', async () => {
    const clock = new ManualClock('2026-12-06T00:01:02.345Z');
    server = await startServer({ clock });
    const early = await RawDevice.register(server.url, 'early');
    clock.advance(23 * 3600 * 1000 + 57 * 60 * 1000);
    const late = await RawDevice.register(server.url, 'late');

    // The operator's view: two logins almost a day apart leave identical rows, with no time of day in them.
    const rows = await server.context.db.selectFrom('sessions').selectAll().execute();
    expect(rows.map((r) => Object.keys(r).sort())).toEqual([
      ['device_id', 'expires_on', 'token_hash'],
      ['device_id', 'expires_on', 'token_hash'],
    ]);
    expect(rows.map((r) => r.expires_on)).toEqual(['2027-01-05', '2027-01-05']);

    clock.advance(Date.parse('2027-01-04T23:59:59Z') - clock.now().getTime());
    expect((await early.call('listGroups', {})).status).toBe(200);
    clock.advance(1000);
    for (const device of [early, late])
      expect((await device.call('listGroups', {})).body.error?.code).toBe('unauthenticated');
    expect(await server.context.auth.sweep()).toBe(2);
  });
});

describe('migration 2026-12-06T0300-session-expiry-day', () => {
  it('turns each live session’s expiry into its day, never later than it was', async () => {
    await using db = await freshDatabase();
    await migrateDatabase(db, '2026-11-28T2320-transparency-reports');
    const bytes = (n: number) => new Uint8Array(32).fill(n);
    await sql`insert into accounts (username, account_key, device_list_payload, device_list_signature,
        device_list_version, created_on)
      values ('ana', ${bytes(1)}, ${bytes(2)}, ${bytes(3)}, 1, '2026-11-01')`.execute(db);
    await sql`insert into devices (id, account_id, signature_key, created_on, last_seen_on)
      select 'ana-phone', id, ${bytes(4)}, '2026-11-01', '2026-11-20' from accounts`.execute(db);
    await sql`insert into sessions (token_hash, device_id, expires_at) values
      (${bytes(5)}, 'ana-phone', '2026-12-20T15:04:05.678Z'),
      (${bytes(6)}, 'ana-phone', '2026-12-21T00:00:00.001Z')`.execute(db);

    await migrateDatabase(db);

    const rows = await db
      .selectFrom('sessions')
      .select(['device_id', 'expires_on'])
      .orderBy('expires_on')
      .execute();
    expect(rows).toEqual([
      { device_id: 'ana-phone', expires_on: '2026-12-20' },
      { device_id: 'ana-phone', expires_on: '2026-12-21' },
    ]);
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'sessions' order by column_name`.execute(db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['device_id', 'expires_on', 'token_hash']);
  });
});
