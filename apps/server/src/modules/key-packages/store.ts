import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** A package with the UTC day its lifetime ends. */
export type DatedPackage = Readonly<{ bytes: Uint8Array; expiresOn: string }>;

/** The only module that writes key_packages. */
export const keyPackageStore = {
  async insert(db: Db, deviceId: string, packages: readonly DatedPackage[]): Promise<void> {
    if (packages.length === 0) return;
    await db
      .insertInto('key_packages')
      .values(
        packages.map((p) => ({
          device_id: deviceId,
          package: p.bytes,
          last_resort: false,
          expires_on: p.expiresOn,
        })),
      )
      .execute();
  },

  async replaceLastResort(db: Db, deviceId: string, pkg: DatedPackage): Promise<void> {
    await db
      .deleteFrom('key_packages')
      .where('device_id', '=', deviceId)
      .where('last_resort', '=', true)
      .execute();
    await db
      .insertInto('key_packages')
      .values({ device_id: deviceId, package: pkg.bytes, last_resort: true, expires_on: pkg.expiresOn })
      .execute();
  },

  /** What the device has that may still be handed out. */
  async count(db: Db, deviceId: string, today: string): Promise<{ available: number; lastResort: boolean }> {
    const row = await db
      .selectFrom('key_packages')
      .select([
        sql<number>`count(*) filter (where not last_resort)::int`.as('available'),
        sql<boolean>`bool_or(last_resort)`.as('last_resort'),
      ])
      .where('device_id', '=', deviceId)
      .where('expires_on', '>', today)
      .executeTakeFirstOrThrow();
    return { available: row.available, lastResort: row.last_resort === true };
  },

  /**
   * Takes one unexpired one-shot package of the device (deleting it), or else returns its unexpired
   * last-resort package. `skip locked` lets concurrent claims take different packages instead of waiting.
   */
  async claim(
    db: Db,
    deviceId: string,
    today: string,
  ): Promise<{ package: Uint8Array; last_resort: boolean } | undefined> {
    const oneShot = await db
      .deleteFrom('key_packages')
      .where(
        'id',
        '=',
        db
          .selectFrom('key_packages')
          .select('id')
          .where('device_id', '=', deviceId)
          .where('last_resort', '=', false)
          .where('expires_on', '>', today)
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['package', 'last_resort'])
      .executeTakeFirst();
    if (oneShot) return oneShot;
    return db
      .selectFrom('key_packages')
      .select(['package', 'last_resort'])
      .where('device_id', '=', deviceId)
      .where('last_resort', '=', true)
      .where('expires_on', '>', today)
      .executeTakeFirst();
  },

  async deleteExpired(db: Db, today: string): Promise<number> {
    const result = await db.deleteFrom('key_packages').where('expires_on', '<=', today).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
