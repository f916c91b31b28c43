import {
  defaultHasher,
  formatSignatureLine,
  fromBase64,
  type Hasher,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseSignedNote,
  toBase64,
  verifyConsistency,
} from '@parley/merkle-log';
import { tlogSizeContentType } from '@parley/protocol';

/** A log this witness cosigns for: its origin and its key. */
export type WitnessedLog = Readonly<{ origin: string; verifier: NoteVerifier }>;

/** The latest checkpoint a witness cosigned for one log. */
export type WitnessRecord = Readonly<{ size: number; rootHash: string }>;

/** Where a witness keeps what it cosigned; `save` must be durable before it returns. */
export interface WitnessStateStore {
  load(origin: string): Promise<WitnessRecord | undefined>;
  save(origin: string, record: WitnessRecord): Promise<void>;
}

/** An HTTP answer in the c2sp.org/tlog-witness vocabulary. */
export type WitnessResponse = Readonly<{ status: number; contentType: string; body: string }>;

const MAX_PROOF_HASHES = 63;
const plain = 'text/plain; charset=utf-8';
const answer = (status: number, body: string, contentType = plain): WitnessResponse => ({
  status,
  contentType,
  body,
});

type AddCheckpoint = Readonly<{ old: number; proof: Uint8Array[]; note: string }>;

/** Parses an add-checkpoint body: `old <size>`, proof lines, a blank line, then the signed checkpoint. */
function parseRequest(body: string): AddCheckpoint | undefined {
  const split = body.indexOf('\n\n');
  if (split < 0) return undefined;
  const [oldLine, ...proofLines] = body.slice(0, split).split('\n');
  const m = /^old (0|[1-9][0-9]*)$/.exec(oldLine ?? '');
  const old = Number(m?.[1]);
  if (m === null || !Number.isSafeInteger(old) || proofLines.length > MAX_PROOF_HASHES) return undefined;
  try {
    const proof = proofLines.map(fromBase64);
    if (proof.some((h) => h.length !== 32)) return undefined;
    return { old, proof, note: body.slice(split + 2) };
  } catch {
    return undefined;
  }
}

/**
 * A C2SP tlog-witness: cosigns a checkpoint only if the log signed it and it extends, by a verified
 * consistency proof, the last checkpoint this witness cosigned for that log. It therefore never cosigns
 * two views of one log, and never a smaller tree after a larger one. Requests are handled one at a time.
 */
export class Witness {
  readonly #cosigner: NoteSigner;
  readonly #logs: readonly WitnessedLog[];
  readonly #state: WitnessStateStore;
  readonly #hasher: Hasher;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    options: Readonly<{
      cosigner: NoteSigner;
      logs: readonly WitnessedLog[];
      state: WitnessStateStore;
      hasher?: Hasher;
    }>,
  ) {
    this.#cosigner = options.cosigner;
    this.#logs = options.logs;
    this.#state = options.state;
    this.#hasher = options.hasher ?? defaultHasher;
  }

  /** Handles one add-checkpoint request body. */
  addCheckpoint(body: string): Promise<WitnessResponse> {
    const run = this.#queue.then(() => this.#add(body));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #add(body: string): Promise<WitnessResponse> {
    const request = parseRequest(body);
    if (request === undefined) return answer(400, 'malformed add-checkpoint request\n');
    let origin: string;
    let size: number;
    let root: Uint8Array;
    let text: string;
    try {
      text = parseSignedNote(request.note).text;
      ({ origin, size, rootHash: root } = parseCheckpoint(text));
    } catch {
      return answer(400, 'malformed checkpoint\n');
    }
    const log = this.#logs.find((l) => l.origin === origin);
    if (log === undefined) return answer(404, 'unknown log origin\n');
    try {
      openNote(request.note, [log.verifier]);
    } catch {
      return answer(403, 'checkpoint is not signed by the log key\n');
    }
    if (request.old > size) return answer(400, 'old size is larger than the checkpoint size\n');
    const known = (await this.#state.load(origin)) ?? {
      size: 0,
      rootHash: toBase64(this.#hasher.emptyRoot()),
    };
    if (request.old !== known.size) return answer(409, `${known.size}\n`, tlogSizeContentType);
    if (size === known.size && toBase64(root) !== known.rootHash) {
      return answer(409, `${known.size}\n`, tlogSizeContentType);
    }
    if (known.size > 0 && size > known.size) {
      try {
        verifyConsistency(known.size, size, fromBase64(known.rootHash), root, request.proof, this.#hasher);
      } catch {
        return answer(422, 'consistency proof does not verify\n');
      }
    }
    if (size === 0 && toBase64(root) !== known.rootHash)
      return answer(422, 'an empty tree has the empty root\n');
    await this.#state.save(origin, { size, rootHash: toBase64(root) });
    const signature = this.#cosigner.sign(new TextEncoder().encode(text));
    return answer(
      200,
      formatSignatureLine({ name: this.#cosigner.name, keyId: this.#cosigner.keyId, signature }),
    );
  }
}
