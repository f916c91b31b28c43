import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The only module that writes key_packages. */
export const keyPackageStore = {
  async insert(db: Db, deviceId: string, packages: readonly Uint8Array[]): Promise<void> {
    if (packages.length === 0) return;
    await db
      .insertInto('key_packages')
      .values(packages.map((p) => ({ device_id: deviceId, package: p, last_resort: false })))
      .execute();
  },

  async replaceLastResort(db: Db, deviceId: string, pkg: Uint8Array): Promise<void> {
    await db
      .deleteFrom('key_packages')
      .where('device_id', '=', deviceId)
      .where('last_resort', '=', true)
      .execute();
    await db
      .insertInto('key_packages')
      .values({ device_id: deviceId, package: pkg, last_resort: true })
      .execute();
  },

  async count(db: Db, deviceId: string): Promise<{ available: number; lastResort: boolean }> {
    const row = await db
      .selectFrom('key_packages')
      .select([
        sql<number>`count(*) filter (where not last_resort)::int`.as('available'),
        sql<boolean>`bool_or(last_resort)`.as('last_resort'),
      ])
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return { available: row.available, lastResort: row.last_resort === true };
  },

  /**
   * Takes one one-shot package of the device (deleting it), or else returns its last-resort package.
   * `skip locked` lets concurrent claims take different packages instead of waiting on each other.
   */
  async claim(db: Db, deviceId: string): Promise<{ package: Uint8Array; last_resort: boolean } | undefined> {
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
      .executeTakeFirst();
  },
};
