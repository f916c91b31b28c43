import type { Db } from '../../db/database.ts';

export type LeafRow = Readonly<{
  eventSeq: number;
  logTicket: number;
  eventKey: Uint8Array | null;
  leaf: Uint8Array;
  sealedUntil: Date | null;
  sealNonce: Uint8Array | null;
}>;

/** The only code that writes the disclosure log's tables; it only ever inserts (triggers refuse the rest). */
export const disclosureStore = {
  async insertLeaf(db: Db, row: LeafRow): Promise<void> {
    await db
      .insertInto('disclosure_leaves')
      .values({
        event_seq: row.eventSeq,
        log_ticket: row.logTicket,
        event_key: row.eventKey,
        leaf: row.leaf,
        sealed_until: row.sealedUntil,
        seal_nonce: row.sealNonce,
      })
      .execute();
  },

  async insertReveal(db: Db, eventSeq: number, logTicket: number, at: Date): Promise<void> {
    await db
      .insertInto('disclosure_reveals')
      .values({ event_seq: eventSeq, log_ticket: logTicket, revealed_at: at })
      .execute();
  },

  /** Sealed leaves whose order has lapsed and that have no reveal yet, oldest first. */
  async dueSeals(db: Db, now: Date, limit: number) {
    return db
      .selectFrom('disclosure_leaves as l')
      .leftJoin('disclosure_reveals as r', 'r.event_seq', 'l.event_seq')
      .select(['l.event_seq', 'l.log_ticket', 'l.leaf', 'l.seal_nonce'])
      .where('l.sealed_until', '<=', now)
      .where('r.event_seq', 'is', null)
      .orderBy('l.event_seq')
      .limit(limit)
      .execute();
  },

  /** The feed position of a request's event, found by its public chain position. */
  async eventSeq(db: Db, chainId: string, chainSeq: number): Promise<number | undefined> {
    const row = await db
      .selectFrom('governance_events')
      .select('seq')
      .where('chain_id', '=', chainId)
      .where('chain_seq', '=', chainSeq)
      .executeTakeFirst();
    return row?.seq;
  },

  /** The log ticket of a governance event's leaf (for the production gate). */
  async ticketOf(db: Db, eventSeq: number) {
    return db
      .selectFrom('disclosure_leaves')
      .select(['log_ticket'])
      .where('event_seq', '=', eventSeq)
      .executeTakeFirst();
  },
};
