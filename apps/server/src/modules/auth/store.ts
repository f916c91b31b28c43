import type { Db } from '../../db/database.ts';

/** The only module that writes auth_challenges and sessions. */
export const authStore = {
  async insertChallenge(db: Db, challenge: Uint8Array, deviceId: string, expiresAt: Date): Promise<void> {
    await db
      .insertInto('auth_challenges')
      .values({ challenge, device_id: deviceId, expires_at: expiresAt })
      .execute();
  },

  /** Deletes and returns the challenge, so each can be used once. */
  async takeChallenge(
    db: Db,
    challenge: Uint8Array,
  ): Promise<{ device_id: string; expires_at: Date } | undefined> {
    return db
      .deleteFrom('auth_challenges')
      .where('challenge', '=', challenge)
      .returning(['device_id', 'expires_at'])
      .executeTakeFirst();
  },

  async insertSession(db: Db, tokenHash: Uint8Array, deviceId: string, expiresAt: Date): Promise<void> {
    await db
      .insertInto('sessions')
      .values({ token_hash: tokenHash, device_id: deviceId, expires_at: expiresAt })
      .execute();
  },

  async session(db: Db, tokenHash: Uint8Array, now: Date) {
    return db
      .selectFrom('sessions')
      .innerJoin('devices', 'devices.id', 'sessions.device_id')
      .innerJoin('accounts', 'accounts.id', 'devices.account_id')
      .select(['devices.id as deviceId', 'accounts.id as accountId', 'accounts.username as username'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  },

  async deleteSession(db: Db, tokenHash: Uint8Array): Promise<void> {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  async deleteExpired(db: Db, now: Date): Promise<number> {
    const a = await db.deleteFrom('auth_challenges').where('expires_at', '<=', now).executeTakeFirst();
    const b = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(a.numDeletedRows) + Number(b.numDeletedRows);
  },
};
