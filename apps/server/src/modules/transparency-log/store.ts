import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FullTile } from './tree-growth.ts';

/** Rows per INSERT statement: five parameters each stays well under PostgreSQL's 65,535. */
const INSERT_CHUNK = 2000;

/** Any number that identifies the log's sequencer lock among the database's advisory locks. */
const SEQUENCER_LOCK = 0x70_61_72_6c; // "parl"

export type CheckpointRow = Readonly<{
  id: number;
  size: number;
  root_hash: Uint8Array;
  note: string;
  signed_at: Date;
}>;

const chunks = <T>(rows: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
};

/** The only place that writes the transparency log's tables. */
export const logStore = {
  async enqueue(db: Db, entries: readonly Uint8Array[], now: Date): Promise<number[]> {
    const ids: number[] = [];
    for (const part of chunks(entries)) {
      const rows = await db
        .insertInto('log_queue')
        .values(part.map((data) => ({ data, queued_at: now })))
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  },

  /** When the oldest entry still waiting for the sequencer was queued, or undefined when none waits. */
  async oldestQueuedAt(db: Db): Promise<Date | undefined> {
    const row = await db
      .selectFrom('log_queue')
      .select('queued_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.queued_at;
  },

  /** Transaction-scoped, so a crashed sequencer releases it with its transaction. */
  async trySequencerLock(tx: Db): Promise<boolean> {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as locked`.execute(tx);
    return rows[0]?.locked === true;
  },

  /**
   * Moves up to `limit` queued entries, oldest first, into log_entries at indexes `size`, `size + 1`, … in
   * one statement, hashing them in the database (RFC 9162 leaf hash), so entry bytes never travel twice.
   * Returns the new leaf hashes in index order.
   */
  async integrateQueued(tx: Db, size: number, limit: number, now: Date): Promise<Uint8Array[]> {
    const { rows } = await sql<{ idx: number; leaf_hash: Uint8Array }>`
      with batch as (
        delete from log_queue where id in (select id from log_queue order by id limit ${limit}::bigint)
        returning id, data
      )
      insert into log_entries (idx, ticket, data, leaf_hash, integrated_at)
      select ${size}::bigint + row_number() over (order by id) - 1, id, data, sha256(decode('00', 'hex') || data), ${now}::timestamptz
      from batch
      returning idx, leaf_hash`.execute(tx);
    return rows.sort((a, b) => a.idx - b.idx).map((r) => r.leaf_hash);
  },

  async insertTiles(tx: Db, tiles: readonly FullTile[]): Promise<void> {
    for (const part of chunks(tiles)) await tx.insertInto('log_tiles').values(part).execute();
  },

  async insertCheckpoint(tx: Db, row: Omit<CheckpointRow, 'id'>): Promise<number> {
    const { id } = await tx
      .insertInto('log_checkpoints')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async latestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
    return db.selectFrom('log_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  async leafHashes(db: Db, start: number, end: number): Promise<Uint8Array[]> {
    if (end <= start) return [];
    const rows = await db
      .selectFrom('log_entries')
      .select('leaf_hash')
      .where('idx', '>=', start)
      .where('idx', '<', end)
      .orderBy('idx')
      .execute();
    return rows.map((r) => r.leaf_hash);
  },

  async entries(db: Db, start: number, end: number): Promise<Uint8Array[]> {
    const rows = await db
      .selectFrom('log_entries')
      .select('data')
      .where('idx', '>=', start)
      .where('idx', '<', end)
      .orderBy('idx')
      .execute();
    return rows.map((r) => r.data);
  },

  /** Roots of the full tiles `[start, end)` of tile level `level`: the hashes of level `level + 1`. */
  async tileRoots(db: Db, level: number, start: number, end: number): Promise<Uint8Array[]> {
    if (end <= start) return [];
    const rows = await db
      .selectFrom('log_tiles')
      .select('root')
      .where('level', '=', level)
      .where('idx', '>=', start)
      .where('idx', '<', end)
      .orderBy('idx')
      .execute();
    return rows.map((r) => r.root);
  },

  async fullTile(db: Db, level: number, idx: number): Promise<Uint8Array | undefined> {
    const row = await db
      .selectFrom('log_tiles')
      .select('data')
      .where('level', '=', level)
      .where('idx', '=', idx)
      .executeTakeFirst();
    return row?.data;
  },

  async ticketAt(db: Db, idx: number): Promise<number | undefined> {
    const row = await db.selectFrom('log_entries').select('ticket').where('idx', '=', idx).executeTakeFirst();
    return row?.ticket;
  },

  async signedBefore(db: Db, time: Date): Promise<boolean> {
    const row = await db
      .selectFrom('log_checkpoints')
      .select('id')
      .where('signed_at', '<', time)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  async entryByTicket(db: Db, ticket: number) {
    return db
      .selectFrom('log_entries')
      .select(['idx', 'leaf_hash'])
      .where('ticket', '=', ticket)
      .executeTakeFirst();
  },

  async insertCosignature(
    db: Db,
    checkpointId: number,
    witness: string,
    line: string,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('log_cosignatures')
      .values({ checkpoint_id: checkpointId, witness, line, received_at: now })
      .onConflict((c) => c.doNothing())
      .execute();
  },

  /** The newest cosignature line of each witness over this tree head (every such checkpoint has one body). */
  async cosignatureLines(db: Db, size: number, rootHash: Uint8Array): Promise<string[]> {
    const rows = await db
      .selectFrom('log_cosignatures as c')
      .innerJoin('log_checkpoints as k', 'k.id', 'c.checkpoint_id')
      .select(['c.witness', 'c.line'])
      .distinctOn('c.witness')
      .where('k.size', '=', size)
      .where('k.root_hash', '=', rootHash)
      .orderBy('c.witness')
      .orderBy('c.checkpoint_id', 'desc')
      .execute();
    return rows.map((r) => r.line);
  },

  /** The largest tree size a witness has cosigned for us, or 0. */
  async witnessSize(db: Db, witness: string): Promise<number> {
    const row = await db
      .selectFrom('log_cosignatures as c')
      .innerJoin('log_checkpoints as k', 'k.id', 'c.checkpoint_id')
      .select((eb) => eb.fn.max('k.size').as('size'))
      .where('c.witness', '=', witness)
      .executeTakeFirst();
    return Number(row?.size ?? 0);
  },

  async hasCosignature(db: Db, checkpointId: number, witness: string): Promise<boolean> {
    const row = await db
      .selectFrom('log_cosignatures')
      .select('witness')
      .where('checkpoint_id', '=', checkpointId)
      .where('witness', '=', witness)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Every key the log has signed with, oldest first: the last is the one in force (rotations append). */
  async logKeys(db: Db) {
    return db
      .selectFrom('log_keys')
      .select(['name', 'skey', 'vkey', 'created_at'])
      .orderBy('created_at')
      .execute();
  },

  /** The public half of every log key, oldest first. */
  async logVkeys(db: Db) {
    return db.selectFrom('log_keys').select(['name', 'vkey']).orderBy('created_at').execute();
  },

  /**
   * The handover checkpoint of a retired origin: the first checkpoint of the largest size signed under it
   * (its origin line is the note's first line), which is the one that first covers the rotation entry.
   */
  async handoverCheckpoint(db: Db, origin: string): Promise<CheckpointRow | undefined> {
    const line = `${origin}\n`;
    return db
      .selectFrom('log_checkpoints')
      .selectAll()
      .where(sql<string>`left(note, ${line.length})`, '=', line)
      .orderBy('size', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },

  async resealLogKey(db: Db, name: string, skey: string): Promise<void> {
    await db.updateTable('log_keys').set({ skey }).where('name', '=', name).execute();
  },

  async insertLogKey(db: Db, name: string, skey: string, vkey: string, now: Date): Promise<void> {
    await db
      .insertInto('log_keys')
      .values({ name, skey, vkey, created_at: now })
      .onConflict((c) => c.column('name').doNothing())
      .execute();
  },
};
