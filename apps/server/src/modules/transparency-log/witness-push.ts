import {
  cosignatureVerifierFromKey,
  formatSignatureLine,
  type NoteVerifier,
  openNote,
  parseSignedNote,
  toBase64,
} from '@parley/merkle-log';
import { logResources, tlogSizeContentType } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { ServerConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';

type Log = NonNullable<ServerConfig['log']>;

/** A witness the log pushes its checkpoints to: its base URL and its cosignature/v1 vkey. */
export type WitnessEndpoint = Readonly<{ url: string; vkey: string }>;

/** A signed checkpoint as its log stores it: its row id, tree size and note. */
export type PushedCheckpoint = Readonly<{ id: number; size: number; note: string }>;

/** Where one log keeps the witness cosignatures it verified (each log has its own table and sizes). */
export interface CosignatureStore {
  hasCosignature(db: Db, checkpointId: number, witness: string): Promise<boolean>;
  /** The largest tree size this witness has cosigned for the log, or 0. */
  witnessSize(db: Db, witness: string): Promise<number>;
  insertCosignature(db: Db, checkpointId: number, witness: string, line: string, now: Date): Promise<void>;
}

export type WitnessPusherOptions = Readonly<{
  db: Db;
  /** The log module's store (`logStore`, `ktStore`). */
  store: CosignatureStore;
  clock: Clock;
  log: Log;
  /** Names the log in log lines: `<prefix>.cosigned`, `<prefix>.witness_refused`, `<prefix>.witness_unreachable`. */
  prefix: string;
  endpoints: readonly WitnessEndpoint[];
  /** The consistency proof between two sizes of the log. */
  prove: (from: number, to: number) => Promise<Uint8Array[]>;
}>;

type Witness = Readonly<{ url: string; verifier: NoteVerifier }>;

const TIMEOUT_MS = 10_000;

/**
 * Pushes checkpoints to witnesses with c2sp.org/tlog-witness add-checkpoint and stores the cosignatures that
 * verify. A witness that answers 409 with another size gets one retry from that size; every other refusal
 * is logged (a 422 or a 409 at equal size means the witness saw a different history).
 */
export class WitnessPusher {
  readonly #options: WitnessPusherOptions;
  readonly #witnesses: readonly Witness[];

  constructor(options: WitnessPusherOptions) {
    this.#options = options;
    this.#witnesses = options.endpoints.map((e) => ({
      url: e.url.replace(/\/+$/, ''),
      verifier: cosignatureVerifierFromKey(e.vkey),
    }));
  }

  /** How many witnesses checkpoints are pushed to. */
  get count(): number {
    return this.#witnesses.length;
  }

  #log(event: string, fields: Readonly<Record<string, string | number>>): void {
    this.#options.log(`${this.#options.prefix}.${event}`, fields);
  }

  /** Asks every witness that has not yet cosigned this checkpoint to do so. */
  async push(checkpoint: PushedCheckpoint): Promise<void> {
    await Promise.all(
      this.#witnesses.map(async (w) => {
        const { db, store } = this.#options;
        if (await store.hasCosignature(db, checkpoint.id, w.verifier.name)) return;
        try {
          await this.#pushTo(w, checkpoint);
        } catch (error) {
          this.#log('witness_unreachable', {
            checkpoint: checkpoint.id,
            error: error instanceof Error ? error.name : 'unknown',
          });
        }
      }),
    );
  }

  async #pushTo(w: Witness, checkpoint: PushedCheckpoint): Promise<void> {
    let old = await this.#options.store.witnessSize(this.#options.db, w.verifier.name);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await this.#send(w, checkpoint, old);
      const body = await response.text();
      if (response.status === 200) {
        await this.#store(w, checkpoint, body);
        return;
      }
      const theirs = Number(body.trim());
      const retry =
        response.status === 409 &&
        response.headers.get('content-type')?.startsWith(tlogSizeContentType) === true &&
        Number.isSafeInteger(theirs) &&
        theirs !== old &&
        theirs <= checkpoint.size;
      if (!retry) {
        this.#log('witness_refused', {
          checkpoint: checkpoint.id,
          size: checkpoint.size,
          status: response.status,
        });
        return;
      }
      old = theirs;
    }
  }

  async #send(w: Witness, checkpoint: PushedCheckpoint, old: number): Promise<Response> {
    const proof = old > 0 && old < checkpoint.size ? await this.#options.prove(old, checkpoint.size) : [];
    const body = `old ${old}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${checkpoint.note}`;
    return fetch(`${w.url}${logResources.addCheckpoint.path}`, {
      method: logResources.addCheckpoint.method,
      headers: { 'content-type': logResources.addCheckpoint.contentType },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  /** Keeps only a cosignature that verifies with the witness's configured key over this checkpoint. */
  async #store(w: Witness, checkpoint: PushedCheckpoint, body: string): Promise<void> {
    const text = parseSignedNote(checkpoint.note).text;
    const note = openNote(`${text}\n${body.endsWith('\n') ? body : `${body}\n`}`, [w.verifier]);
    const [signature] = note.verified;
    if (signature === undefined) return;
    await this.#options.store.insertCosignature(
      this.#options.db,
      checkpoint.id,
      w.verifier.name,
      formatSignatureLine(signature),
      this.#options.clock.now(),
    );
    this.#log('cosigned', { checkpoint: checkpoint.id, size: checkpoint.size });
  }
}
