import type { Db } from '../../db/database.ts';
import { SecretBox } from '../../secrets.ts';

export type TotpTable = 'gov_staff' | 'gov_officers';

/** Where a TOTP seed belongs, so a sealed seed copied to another person's row does not open. */
export const totpContext = (table: TotpTable, id: string) => `${table}:${id}:totp_secret`;

/**
 * Seals every TOTP seed still stored in clear (written before the server had a key-encryption key, or by
 * `parley admin init`, which runs without one); returns how many it sealed.
 */
export async function sealStoredTotpSecrets(db: Db, box: SecretBox): Promise<number> {
  if (!box.sealing) return 0;
  let sealed = 0;
  for (const table of ['gov_staff', 'gov_officers'] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'totp_secret'])
      .where('totp_secret', 'not like', 'sealed:v1:%')
      .execute();
    for (const row of rows) {
      if (SecretBox.isSealed(row.totp_secret)) continue;
      await db
        .updateTable(table)
        .set({ totp_secret: box.seal(row.totp_secret, totpContext(table, row.id)) })
        .where('id', '=', row.id)
        .where('totp_secret', '=', row.totp_secret)
        .execute();
      sealed += 1;
    }
  }
  return sealed;
}
