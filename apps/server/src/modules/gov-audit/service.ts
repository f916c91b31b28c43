import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { auditHash, type ChainCheck, checkChain, GENESIS } from './hash-chain.ts';
import { auditStore } from './store.ts';

/** Who did what to which object; never the contents of an order, a document or a target. */
export type AuditEntry = Readonly<{ actor: string; action: string; object: string }>;

const PAGE = 1000;

/**
 * The append-only, hash-chained audit trail of every read and write by staff and officers. `run` wraps an
 * operation: its audit event commits in the same transaction, and a refusal is recorded on its own.
 */
export class AuditService {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Appends one event inside the caller's transaction. */
  async record(tx: Db, entry: AuditEntry): Promise<void> {
    await auditStore.lock(tx);
    const head = await auditStore.head(tx);
    const prevHash = head?.hash ?? GENESIS;
    const fields = { ...entry, seq: (head?.seq ?? 0) + 1, at: this.#clock.now() };
    await auditStore.insert(tx, { ...fields, prevHash, hash: auditHash(prevHash, fields) });
  }

  /** Runs `work` in a transaction that also records `entry`; a refused attempt is recorded too. */
  async run<T>(entry: AuditEntry, work: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction().execute(async (tx) => {
        const result = await work(tx);
        await this.record(tx, entry);
        return result;
      });
    } catch (error) {
      if (error instanceof ApiError) {
        const refused = { ...entry, action: `${entry.action} refused: ${error.code}` };
        await this.#db.transaction().execute((tx) => this.record(tx, refused));
      }
      throw error;
    }
  }

  /**
   * Runs `work` outside any transaction (a slow step such as hashing a password, before `run` opens one);
   * a refusal is recorded as `run` would record it.
   */
  async before<T>(entry: AuditEntry, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError) {
        const refused = { ...entry, action: `${entry.action} refused: ${error.code}` };
        await this.#db.transaction().execute((tx) => this.record(tx, refused));
      }
      throw error;
    }
  }

  async page(tx: Db, after: number, limit: number) {
    const rows = await auditStore.page(tx, after, limit + 1);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Re-walks the whole chain from the first event. */
  async verify(tx: Db): Promise<ChainCheck> {
    let after = 0;
    const all = [];
    for (;;) {
      const rows = await auditStore.page(tx, after, PAGE);
      all.push(...rows);
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) break;
      after = last.seq;
    }
    return checkChain(all);
  }
}
