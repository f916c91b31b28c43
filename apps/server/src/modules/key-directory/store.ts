import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Held for one epoch publication, so only one process publishes at a time. */
const PUBLISH_LOCK = 0x6b74_6470;

export type PendingEvent = Readonly<{ username: string; accountKey: Uint8Array; deviceList: Uint8Array }>;
export type StoredVersion = PendingEvent & Readonly<{ version: number; epoch: number; opening: Uint8Array }>;
export type StoredEpoch = Readonly<{ epoch: number; record: Uint8Array; checkpoint: string }>;

/** The only place that reads or writes the key directory's tables. */
export const ktStore = {
  async keys(db: Db, origin: string) {
    return db.selectFrom('kt_keys').selectAll().where('origin', '=', origin).executeTakeFirst();
  },

  async allKeys(db: Db) {
    return db.selectFrom('kt_keys').select(['origin', 'vrf_secret', 'note_skey']).execute();
  },

  /** A secret sealed anew (the only change `kt_keys` accepts). */
  async resealKey(db: Db, origin: string, column: 'vrf_secret' | 'note_skey', stored: string): Promise<void> {
    await db
      .updateTable('kt_keys')
      .set({ [column]: stored })
      .where('origin', '=', origin)
      .execute();
  },

  async insertKeys(
    db: Db,
    row: Readonly<{ origin: string; vrfSecret: string; skey: string; vkey: string }>,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('kt_keys')
      .values({
        origin: row.origin,
        vrf_secret: row.vrfSecret,
        note_skey: row.skey,
        note_vkey: row.vkey,
        created_at: now,
      })
      .onConflict((c) => c.column('origin').doNothing())
      .execute();
  },

  /** Whether a key event for `username` waits for the next epoch. */
  async isPending(db: Db, username: string): Promise<boolean> {
    const row = await db
      .selectFrom('kt_pending')
      .select('username')
      .where('username', '=', username)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Queues a key event in the caller's transaction; a later event for the same name replaces it. */
  async stage(db: Db, event: PendingEvent, now: Date): Promise<void> {
    const values = {
      username: event.username,
      account_key: event.accountKey,
      device_list: event.deviceList,
      queued_at: now,
    };
    await db
      .insertInto('kt_pending')
      .values(values)
      .onConflict((c) =>
        c.column('username').doUpdateSet({
          account_key: values.account_key,
          device_list: values.device_list,
          queued_at: values.queued_at,
        }),
      )
      .execute();
  },

  async tryPublishLock(tx: Db): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(${PUBLISH_LOCK}) as locked`.execute(tx);
    return rows[0]?.locked === true;
  },

  async pending(db: Db): Promise<PendingEvent[]> {
    const rows = await db.selectFrom('kt_pending').selectAll().orderBy('username').execute();
    return rows.map((r) => ({ username: r.username, accountKey: r.account_key, deviceList: r.device_list }));
  },

  async hasPending(db: Db): Promise<boolean> {
    return (await db.selectFrom('kt_pending').select('username').limit(1).executeTakeFirst()) !== undefined;
  },

  async clearPending(db: Db, usernames: readonly string[]): Promise<void> {
    if (usernames.length === 0) return;
    await db.deleteFrom('kt_pending').where('username', 'in', usernames).execute();
  },

  async epochCount(db: Db): Promise<number> {
    const row = await db
      .selectFrom('kt_epochs')
      .select('epoch')
      .orderBy('epoch', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? 0 : row.epoch + 1;
  },

  async insertEpoch(
    db: Db,
    epoch: StoredEpoch,
    versions: readonly StoredVersion[],
    proofs: ReadonlyMap<string, Readonly<{ vrfProof: Uint8Array; label: Uint8Array }>>,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('kt_epochs')
      .values({ epoch: epoch.epoch, record: epoch.record, checkpoint: epoch.checkpoint, published_at: now })
      .execute();
    if (proofs.size > 0) {
      await db
        .insertInto('kt_vrf_proofs')
        .values([...proofs].map(([username, p]) => ({ username, vrf_proof: p.vrfProof, label: p.label })))
        .execute();
    }
    if (versions.length === 0) return;
    await db
      .insertInto('kt_versions')
      .values(
        versions.map((v) => ({
          username: v.username,
          version: v.version,
          epoch: v.epoch,
          account_key: v.accountKey,
          device_list: v.deviceList,
          opening: v.opening,
        })),
      )
      .execute();
  },

  /** Every epoch from `from` on, oldest first. */
  async epochsFrom(db: Db, from: number): Promise<StoredEpoch[]> {
    return db
      .selectFrom('kt_epochs')
      .select(['epoch', 'record', 'checkpoint'])
      .where('epoch', '>=', from)
      .orderBy('epoch')
      .execute();
  },

  /** Every version published from epoch `from` on, by epoch then username (the order they were staged). */
  async versionsFrom(db: Db, from: number): Promise<StoredVersion[]> {
    const rows = await db
      .selectFrom('kt_versions')
      .selectAll()
      .where('epoch', '>=', from)
      .orderBy('epoch')
      .orderBy('username')
      .execute();
    return rows.map((r) => ({
      username: r.username,
      version: r.version,
      epoch: r.epoch,
      accountKey: r.account_key,
      deviceList: r.device_list,
      opening: r.opening,
    }));
  },

  async vrfProofs(db: Db) {
    return db.selectFrom('kt_vrf_proofs').selectAll().execute();
  },

  /** The newest epoch's number and checkpoint, or undefined before the first. */
  async newestEpoch(db: Db): Promise<Readonly<{ epoch: number; checkpoint: string }> | undefined> {
    const row = await db
      .selectFrom('kt_epochs')
      .select(['epoch', 'checkpoint'])
      .orderBy('epoch', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { epoch: Number(row.epoch), checkpoint: row.checkpoint };
  },

  async latestCheckpoint(db: Db): Promise<string | undefined> {
    const row = await db
      .selectFrom('kt_epochs')
      .select('checkpoint')
      .orderBy('epoch', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.checkpoint;
  },

  async insertCosignature(db: Db, epoch: number, witness: string, line: string, now: Date): Promise<void> {
    await db
      .insertInto('kt_cosignatures')
      .values({ epoch, witness, line, received_at: now })
      .onConflict((c) => c.doNothing())
      .execute();
  },

  /** Whether a witness cosigned this epoch or a later one (pushing it an older one is pointless). */
  async hasCosignature(db: Db, epoch: number, witness: string): Promise<boolean> {
    return (await ktStore.witnessSize(db, witness)) > epoch;
  },

  /** The cosignature lines held for an epoch's checkpoint, one per witness. */
  async cosignatureLines(db: Db, epoch: number): Promise<string[]> {
    const rows = await db
      .selectFrom('kt_cosignatures')
      .select('line')
      .where('epoch', '=', epoch)
      .orderBy('witness')
      .execute();
    return rows.map((r) => r.line);
  },

  /** The epoch log size a witness last cosigned for this directory (epoch + 1), or 0. */
  async witnessSize(db: Db, witness: string): Promise<number> {
    const row = await db
      .selectFrom('kt_cosignatures')
      .select((eb) => eb.fn.max('epoch').as('epoch'))
      .where('witness', '=', witness)
      .executeTakeFirst();
    return row?.epoch === null || row?.epoch === undefined ? 0 : Number(row.epoch) + 1;
  },
};
