import { createKeyPackage, generateSigningKeyPair, KEY_PACKAGE_LIFETIME_DAYS } from '@parley/crypto';
import { keyPackageLifetime, toBase64url } from '@parley/protocol';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/db/database.ts';
import { ManualClock, type ParleyServer } from '../src/index.ts';
import { freshDatabase } from './support/fresh-database.ts';
import { RawDevice } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

const day = 24 * 3600 * 1000;
let server: ParleyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function packageFor(device: RawDevice, now: Date, lastResort = false): Promise<string> {
  const keys = generateSigningKeyPair();
  const created = await createKeyPackage(
    {
      username: device.username,
      deviceId: device.deviceId,
      signaturePublicKey: keys.publicKey,
      signaturePrivateKey: keys.privateKey,
    },
    { now, lastResort },
  );
  return toBase64url(created.keyPackage);
}

describe('KeyPackage lifetimes', () => {
  it('signs a lifetime of whole UTC days, 90 of them, starting the day before creation', async () => {
    const keys = generateSigningKeyPair();
    const identity = {
      username: 'xavier',
      deviceId: 'AAAAAAAAAAAAAAAAAAAAAA',
      signaturePublicKey: keys.publicKey,
      signaturePrivateKey: keys.privateKey,
    };
    const created = await createKeyPackage(identity, { now: new Date('2026-12-06T03:14:15.926Z') });
    expect(keyPackageLifetime(created.keyPackage)).toEqual({
      notBefore: BigInt(Date.parse('2026-12-05T00:00:00Z') / 1000),
      notAfter: BigInt(Date.parse('2027-03-05T00:00:00Z') / 1000),
    });
    expect(created.notAfter.toISOString()).toBe('2027-03-05T00:00:00.000Z');
    expect(KEY_PACKAGE_LIFETIME_DAYS).toBe(90);
    expect(keyPackageLifetime(new Uint8Array(40))).toBeUndefined();
  });

  it('refuses expired packages, never hands one out once its lifetime ends, and purges it', async () => {
    const clock = new ManualClock('2026-12-06T10:00:00Z');
    server = await startServer({ clock });
    const dana = await RawDevice.register(server.url, 'dana');
    const eli = await RawDevice.register(server.url, 'eli');

    const stale = await packageFor(dana, new Date(clock.now().getTime() - 91 * day));
    const refused = await dana.call('uploadKeyPackages', { body: { keyPackages: [stale] } });
    expect(refused.body.error?.code).toBe('key_package_invalid');
    const notAPackage = toBase64url(new Uint8Array(64).fill(7));
    expect(
      (await dana.call('uploadKeyPackages', { body: { keyPackages: [notAPackage] } })).body.error?.code,
    ).toBe('key_package_invalid');

    // Made 85 days ago, so they end on 2026-12-10 (while dana's and eli's 30-day sessions still run).
    const made = new Date(clock.now().getTime() - 85 * day);
    const fresh = await packageFor(dana, made);
    const lastResort = await packageFor(dana, made, true);
    const uploaded = await dana.call('uploadKeyPackages', { body: { keyPackages: [fresh], lastResort } });
    expect(uploaded.body).toEqual({ available: 1, lastResort: true });

    // The last day of the lifetime: still handed out.
    clock.advance(Date.parse('2026-12-09T23:59:00Z') - clock.now().getTime());
    const claimed = await eli.call('claimKeyPackages', { body: { username: 'dana' } });
    expect(claimed.body.keyPackages?.map((k) => k.keyPackage)).toEqual([fresh]);

    clock.advance(60 * 1000);
    const late = await eli.call('claimKeyPackages', { body: { username: 'dana' } });
    expect(late.body.error?.code).toBe('no_key_package');
    expect((await dana.call('countKeyPackages', {})).body).toEqual({ available: 0, lastResort: false });
    // The last-resort package is left (the one-shot one was claimed), and goes now.
    expect(await server.context.keyPackages.sweep()).toBe(1);
    expect(await server.context.db.selectFrom('key_packages').select('id').execute()).toEqual([]);
  });
});

describe('migration 2026-12-06T0310-key-package-expiry', () => {
  it('gives packages published without a lifetime 90 days from the migration', async () => {
    await using db = await freshDatabase();
    await migrateDatabase(db, '2026-12-06T0300-session-expiry-day');
    const bytes = (n: number) => new Uint8Array(32).fill(n);
    await sql`insert into accounts (username, account_key, device_list_payload, device_list_signature,
        device_list_version, created_on)
      values ('ana', ${bytes(1)}, ${bytes(2)}, ${bytes(3)}, 1, '2026-11-01')`.execute(db);
    await sql`insert into devices (id, account_id, signature_key, created_on, last_seen_on)
      select 'ana-phone', id, ${bytes(4)}, '2026-11-01', '2026-11-20' from accounts`.execute(db);
    await sql`insert into key_packages (device_id, package, last_resort) values
      ('ana-phone', ${bytes(5)}, false), ('ana-phone', ${bytes(6)}, true)`.execute(db);

    await migrateDatabase(db);

    const { rows } = await sql<{ expires_on: string; due: string }>`
      select expires_on, (current_date + 90)::text as due from key_packages`.execute(db);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.expires_on).toBe(row.due);
  });
});
