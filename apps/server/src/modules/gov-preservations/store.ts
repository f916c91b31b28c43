import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The tables a preservation snapshot may read, and the column that names the account in each. */
const accountKey: Readonly<Record<string, string>> = { accounts: 'id', devices: 'account_id' };

/** Binary values become base64url and times ISO strings, so the snapshot is plain JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64url');
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The only code that writes `gov_preservations`. */
export const preservationStore = {
  async insert(
    db: Db,
    reference: string,
    preservedAt: Date,
    expiresAt: Date,
    snapshot: unknown,
  ): Promise<void> {
    await db
      .insertInto('gov_preservations')
      .values({
        reference,
        preserved_at: preservedAt,
        expires_at: expiresAt,
        snapshot: JSON.stringify(snapshot),
      })
      .execute();
  },

  async extend(db: Db, reference: string, expiresAt: Date): Promise<void> {
    await db
      .updateTable('gov_preservations')
      .set({ expires_at: expiresAt })
      .where('reference', '=', reference)
      .execute();
  },

  /** Drops the snapshot and records when; the row stays as proof of the purge. */
  async purge(db: Db, at: Date, reference?: string): Promise<number> {
    let q = db
      .updateTable('gov_preservations')
      .set({ snapshot: null, purged_at: at })
      .where('purged_at', 'is', null)
      .where('expires_at', '<=', at);
    if (reference !== undefined) q = q.where('reference', '=', reference);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /**
   * The given `table.column`s of one account, one object per row. Only tables keyed by account are allowed:
   * a catalogue column elsewhere is a programming error, caught by the preservation test.
   */
  async accountRows(db: Db, accountId: number, columns: readonly string[]) {
    const byTable = new Map<string, string[]>();
    for (const qualified of columns) {
      const [table = '', column = ''] = qualified.split('.');
      byTable.set(table, [...(byTable.get(table) ?? []), column]);
    }
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const [table, cols] of byTable) {
      const key = accountKey[table];
      if (key === undefined) throw new Error(`no account key for table ${table}`);
      const { rows } = await sql<Record<string, unknown>>`select ${sql.join(cols.map((c) => sql.ref(c)))}
        from ${sql.table(table)} where ${sql.ref(key)} = ${accountId}`.execute(db);
      out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    }
    return out;
  },
};
