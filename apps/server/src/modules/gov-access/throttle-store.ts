import type { Db } from '../../db/database.ts';

export type Claim = Readonly<{ ok: true; failures: number } | { ok: false; retryAfterMs: number }>;

/**
 * The only code that writes `gov_login_throttle` (kept apart from store.ts, which holds the registries).
 * Every attempt is charged as a failure before the password is checked, under a row lock, so concurrent
 * guesses cannot all slip through the same open window; a success clears the count afterwards.
 */
export const throttleStore = {
  async claim(db: Db, subject: Uint8Array, now: Date, wait: (failures: number) => number): Promise<Claim> {
    return db.transaction().execute(async (tx) => {
      await tx
        .insertInto('gov_login_throttle')
        .values({ subject, failures: 0, blocked_until: now, updated_at: now })
        .onConflict((oc) => oc.column('subject').doNothing())
        .execute();
      const row = await tx
        .selectFrom('gov_login_throttle')
        .select(['failures', 'blocked_until'])
        .where('subject', '=', subject)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (row.blocked_until > now)
        return { ok: false, retryAfterMs: row.blocked_until.getTime() - now.getTime() };
      const failures = row.failures + 1;
      await tx
        .updateTable('gov_login_throttle')
        .set({ failures, blocked_until: new Date(now.getTime() + wait(failures)), updated_at: now })
        .where('subject', '=', subject)
        .execute();
      return { ok: true, failures };
    });
  },

  async clear(db: Db, subject: Uint8Array): Promise<void> {
    await db.deleteFrom('gov_login_throttle').where('subject', '=', subject).execute();
  },

  /** Forgets names that have been quiet since `before` and are not locked now. */
  async deleteQuiet(db: Db, before: Date, now: Date): Promise<number> {
    const r = await db
      .deleteFrom('gov_login_throttle')
      .where('updated_at', '<', before)
      .where('blocked_until', '<=', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
