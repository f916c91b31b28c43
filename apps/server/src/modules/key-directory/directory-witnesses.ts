import type { Clock } from '../../clock.ts';
import type { ServerConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { type WitnessEndpoint, WitnessPusher } from '../transparency-log/witness-push.ts';
import { ktStore } from './store.ts';

type Log = NonNullable<ServerConfig['log']>;

/**
 * Has the directory's epoch log cosigned by the same witnesses as the request log (c2sp.org/tlog-witness,
 * one state per origin on the witness's side) and keeps their verified cosignatures in `kt_cosignatures`.
 * Only the newest checkpoint is pushed: clients accept nothing older, and a witness that cosigned it has
 * checked its consistency with everything it cosigned before.
 */
export class DirectoryWitnesses {
  readonly #db: Db;
  readonly #pusher: WitnessPusher;
  #running: Promise<void> = Promise.resolve();
  #queued: Promise<void> | undefined;

  constructor(
    db: Db,
    clock: Clock,
    log: Log,
    endpoints: readonly WitnessEndpoint[],
    prove: (from: number, to: number) => Uint8Array[],
  ) {
    this.#db = db;
    // Proofs come from the in-memory epoch log, which holds every epoch this process has seen.
    const proveAsync = async (from: number, to: number) => prove(from, to);
    this.#pusher = new WitnessPusher({
      db,
      store: ktStore,
      clock,
      log,
      endpoints,
      prefix: 'kt',
      prove: proveAsync,
    });
  }

  /**
   * Pushes the newest checkpoint to every witness that has not cosigned it. Rounds run one at a time; a call
   * made while one runs waits for the next, so the checkpoint it pushes is at least as new as the caller's.
   */
  push(): Promise<void> {
    if (this.#pusher.count === 0) return Promise.resolve();
    if (this.#queued) return this.#queued;
    const round = this.#running.then(async () => {
      this.#queued = undefined;
      const newest = await ktStore.newestEpoch(this.#db);
      if (newest === undefined) return;
      await this.#pusher.push({ id: newest.epoch, size: newest.epoch + 1, note: newest.checkpoint });
    });
    this.#queued = round;
    this.#running = round.catch(() => undefined);
    return round;
  }

  /** An epoch's signed checkpoint with the cosignature lines held for it appended. */
  async cosigned(epoch: number, checkpoint: string): Promise<string> {
    const lines = await ktStore.cosignatureLines(this.#db, epoch);
    return checkpoint + lines.join('');
  }
}
