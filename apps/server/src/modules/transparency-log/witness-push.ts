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
import { type CheckpointRow, logStore } from './store.ts';

type Log = NonNullable<ServerConfig['log']>;

/** A witness the log pushes its checkpoints to: its base URL and its cosignature/v1 vkey. */
export type WitnessEndpoint = Readonly<{ url: string; vkey: string }>;

type Witness = Readonly<{ url: string; verifier: NoteVerifier }>;

const TIMEOUT_MS = 10_000;

/**
 * Pushes checkpoints to witnesses with c2sp.org/tlog-witness add-checkpoint and stores the cosignatures that
 * verify. A witness that answers 409 with another size gets one retry from that size; every other refusal
 * is logged (a 422 or a 409 at equal size means the witness saw a different history).
 */
export class WitnessPusher {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #log: Log;
  readonly #witnesses: readonly Witness[];
  readonly #prove: (from: number, to: number) => Promise<Uint8Array[]>;

  constructor(
    db: Db,
    clock: Clock,
    log: Log,
    endpoints: readonly WitnessEndpoint[],
    prove: (from: number, to: number) => Promise<Uint8Array[]>,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#log = log;
    this.#prove = prove;
    this.#witnesses = endpoints.map((e) => ({
      url: e.url.replace(/\/+$/, ''),
      verifier: cosignatureVerifierFromKey(e.vkey),
    }));
  }

  /** Asks every witness that has not yet cosigned this checkpoint to do so. */
  async push(checkpoint: CheckpointRow): Promise<void> {
    await Promise.all(
      this.#witnesses.map(async (w) => {
        if (await logStore.hasCosignature(this.#db, checkpoint.id, w.verifier.name)) return;
        try {
          await this.#pushTo(w, checkpoint);
        } catch (error) {
          this.#log('log.witness_unreachable', {
            checkpoint: checkpoint.id,
            error: error instanceof Error ? error.name : 'unknown',
          });
        }
      }),
    );
  }

  async #pushTo(w: Witness, checkpoint: CheckpointRow): Promise<void> {
    let old = await logStore.witnessSize(this.#db, w.verifier.name);
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
        this.#log('log.witness_refused', {
          checkpoint: checkpoint.id,
          size: checkpoint.size,
          status: response.status,
        });
        return;
      }
      old = theirs;
    }
  }

  async #send(w: Witness, checkpoint: CheckpointRow, old: number): Promise<Response> {
    const proof = old > 0 && old < checkpoint.size ? await this.#prove(old, checkpoint.size) : [];
    const body = `old ${old}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${checkpoint.note}`;
    return fetch(`${w.url}${logResources.addCheckpoint.path}`, {
      method: logResources.addCheckpoint.method,
      headers: { 'content-type': logResources.addCheckpoint.contentType },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  /** Keeps only a cosignature that verifies with the witness's configured key over this checkpoint. */
  async #store(w: Witness, checkpoint: CheckpointRow, body: string): Promise<void> {
    const text = parseSignedNote(checkpoint.note).text;
    const note = openNote(`${text}\n${body.endsWith('\n') ? body : `${body}\n`}`, [w.verifier]);
    const [signature] = note.verified;
    if (signature === undefined) return;
    await logStore.insertCosignature(
      this.#db,
      checkpoint.id,
      w.verifier.name,
      formatSignatureLine(signature),
      this.#clock.now(),
    );
    this.#log('log.cosigned', { checkpoint: checkpoint.id, size: checkpoint.size });
  }
}
