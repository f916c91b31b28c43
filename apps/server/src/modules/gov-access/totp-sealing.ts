import type { Db } from '../../db/database.ts';
import type { StoredSecret } from '../../secrets.ts';

export type TotpTable = 'gov_staff' | 'gov_officers';

/** Where a TOTP seed belongs, so a sealed seed copied to another person's row does not open. */
export const totpContext = (table: TotpTable, id: string) => `${table}:${id}:totp_secret`;

/**
 * Every staff and officer TOTP seed as stored, for sealing at start (seeds written before the server had a
 * key-encryption key, or by `parley admin init`, which runs without one) and for a key rotation. A seed
 * changed since it was read (a reset racing the rotation) is left alone.
 */
export async function totpSecrets(db: Db): Promise<StoredSecret[]> {
  const secrets: StoredSecret[] = [];
  for (const table of ['gov_staff', 'gov_officers'] as const) {
    const rows = await db.selectFrom(table).select(['id', 'totp_secret']).execute();
    for (const row of rows)
      secrets.push({
        stored: row.totp_secret,
        context: totpContext(table, row.id),
        replace: async (tx, stored) => {
          await tx
            .updateTable(table)
            .set({ totp_secret: stored })
            .where('id', '=', row.id)
            .where('totp_secret', '=', row.totp_secret)
            .execute();
        },
      });
  }
  return secrets;
}
