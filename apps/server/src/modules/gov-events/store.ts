import type { Db } from '../../db/database.ts';

export type FeedRow = Readonly<{
  stream: 'request' | 'policy';
  chainId: string;
  chainSeq: number;
  kind: string;
  publicBytes: Uint8Array;
  leafHash: string;
}>;

/** The only code that writes the governance event feed; it only ever inserts (a trigger refuses the rest). */
export const eventStore = {
  async insert(db: Db, row: FeedRow, at: Date): Promise<number> {
    const r = await db
      .insertInto('governance_events')
      .values({
        recorded_at: at,
        stream: row.stream,
        chain_id: row.chainId,
        chain_seq: row.chainSeq,
        kind: row.kind,
        public_bytes: row.publicBytes,
        leaf_hash: row.leafHash,
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    return r.seq;
  },

  async insertPrivate(
    db: Db,
    seq: number,
    reference: string,
    stateAfter: string,
    priv: string,
  ): Promise<void> {
    await db
      .insertInto('governance_event_private')
      .values({ seq, reference, state_after: stateAfter, private: priv })
      .execute();
  },

  async chainHead(db: Db, chainId: string) {
    return db
      .selectFrom('governance_events')
      .select(['chain_seq', 'leaf_hash'])
      .where('chain_id', '=', chainId)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async after(db: Db, seq: number, limit: number) {
    return db
      .selectFrom('governance_events')
      .selectAll()
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  },
};
