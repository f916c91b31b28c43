import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ChainRow } from './hash-chain.ts';

/** The only code that writes the audit trail; it only ever inserts (a trigger refuses anything else). */
export const auditStore = {
  /** Serializes appends: each event's hash depends on the one before it. */
  async lock(db: Db): Promise<void> {
    await sql`lock table gov_audit in exclusive mode`.execute(db);
  },

  async head(db: Db): Promise<{ seq: number; hash: Uint8Array } | undefined> {
    return db
      .selectFrom('gov_audit')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async insert(db: Db, row: ChainRow): Promise<void> {
    await db
      .insertInto('gov_audit')
      .values({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        object: row.object,
        prev_hash: row.prevHash,
        hash: row.hash,
      })
      .execute();
  },

  async page(db: Db, after: number, limit: number): Promise<ChainRow[]> {
    const rows = await db
      .selectFrom('gov_audit')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      object: r.object,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  },
};
