import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The only module that writes auth_challenges and sessions. */
export const authStore = {
  /**
   * Stores a challenge for the device if it exists under that username, in one statement (a login costs a
   * round trip per statement). False when there is no such device.
   */
  async insertChallenge(
    db: Db,
    challenge: Uint8Array,
    who: Readonly<{ username: string; deviceId: string }>,
    expiresAt: Date,
  ): Promise<boolean> {
    const result = await db
      .insertInto('auth_challenges')
      .columns(['challenge', 'device_id', 'expires_at'])
      .expression((eb) =>
        eb
          .selectFrom('devices')
          .innerJoin('accounts', 'accounts.id', 'devices.account_id')
          .select([
            sql<Uint8Array>`${challenge}::bytea`.as('challenge'),
            'devices.id',
            sql<Date>`${expiresAt}::timestamptz`.as('expires_at'),
          ])
          .where('devices.id', '=', who.deviceId)
          .where('accounts.username', '=', who.username),
      )
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  },

  /**
   * Deletes and returns the challenge with the key and username of its device, so each can be used once.
   * A challenge never outlives its device (the foreign key cascades).
   */
  async takeChallenge(db: Db, challenge: Uint8Array) {
    return db
      .deleteFrom('auth_challenges')
      .using('devices')
      .innerJoin('accounts', 'accounts.id', 'devices.account_id')
      .whereRef('devices.id', '=', 'auth_challenges.device_id')
      .where('auth_challenges.challenge', '=', challenge)
      .returning([
        'auth_challenges.device_id',
        'auth_challenges.expires_at',
        'devices.signature_key',
        'accounts.username',
      ])
      .executeTakeFirst();
  },

  async insertSession(db: Db, tokenHash: Uint8Array, deviceId: string, expiresOn: string): Promise<void> {
    await db
      .insertInto('sessions')
      .values({ token_hash: tokenHash, device_id: deviceId, expires_on: expiresOn })
      .execute();
  },

  async session(db: Db, tokenHash: Uint8Array, today: string) {
    return db
      .selectFrom('sessions')
      .innerJoin('devices', 'devices.id', 'sessions.device_id')
      .innerJoin('accounts', 'accounts.id', 'devices.account_id')
      .select(['devices.id as deviceId', 'accounts.id as accountId', 'accounts.username as username'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_on', '>', today)
      .executeTakeFirst();
  },

  async deleteSession(db: Db, tokenHash: Uint8Array): Promise<void> {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  async deleteExpired(db: Db, now: Date, today: string): Promise<number> {
    const a = await db.deleteFrom('auth_challenges').where('expires_at', '<=', now).executeTakeFirst();
    const b = await db.deleteFrom('sessions').where('expires_on', '<=', today).executeTakeFirst();
    return Number(a.numDeletedRows) + Number(b.numDeletedRows);
  },
};
