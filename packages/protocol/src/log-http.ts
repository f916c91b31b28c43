import { z } from 'zod';

/**
 * The transparency log's read API and the witness endpoint (c2sp.org/tlog-tiles, c2sp.org/tlog-witness).
 *
 * These resources are not in the JSON route table (`http.ts`) because their bodies are the specs' own
 * formats: a signed-note checkpoint (text), binary hash tiles and entry bundles, and the witness's
 * line-oriented request. They are static, cacheable files addressed by path, so the table carries the
 * path, content type and cache policy each must be served with; servers and clients build every URL
 * from here and from merkle-log's `tilePath` / `entryBundlePath` (relative to `logPrefix`).
 */
export const logPrefix = '/log/';

export const logResources = {
  /** The latest signed checkpoint with the witness cosignatures the log holds for it. */
  checkpoint: {
    method: 'GET',
    path: '/log/checkpoint',
    contentType: 'text/plain; charset=utf-8',
    /** tlog-tiles: short-lived, so clients see new checkpoints quickly. */
    cacheControl: 'no-cache, max-age=5',
  },
  /** The log's note verifier key (vkey), which a verifier pins on first use. */
  key: {
    method: 'GET',
    path: '/log/key',
    contentType: 'text/plain; charset=utf-8',
    cacheControl: 'public, max-age=3600',
  },
  /** Hash tiles `tile/<L>/<N>[.p/<W>]` and entry bundles `tile/entries/<N>[.p/<W>]`. */
  tiles: {
    method: 'GET',
    path: '/log/tile/*',
    contentType: 'application/octet-stream',
    /** A tile of a given width never changes (a partial tile is a prefix of the full one): cache forever. */
    cacheControl: 'public, max-age=31536000, immutable',
  },
  /** tlog-witness: a log asks a witness to cosign a checkpoint (served by `parley witness`). */
  addCheckpoint: {
    method: 'POST',
    path: '/add-checkpoint',
    contentType: 'text/plain; charset=utf-8',
    cacheControl: 'no-store',
  },
} as const;

/** tlog-witness: the content type of a 409 answer carrying the witness's latest cosigned size. */
export const tlogSizeContentType = 'text/x.tlog.size';

/** Largest checkpoint the log or a witness accepts, in bytes (note plus cosignatures). */
export const maxCheckpointBytes = 16 * 1024;

const Size = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Proof hashes are standard base64 (as in checkpoints and tlog tooling), not base64url. */
export const Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '32-byte hash, standard base64');

export const InclusionProofQuery = z.strictObject({ index: Size, size: Size });
export const InclusionProof = z.strictObject({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: Hash,
  proof: z.array(Hash),
});
export const ConsistencyProofQuery = z.strictObject({ from: Size, to: Size });
export const ConsistencyProof = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(Hash),
});

const Vkey = z.string().min(1).max(1024);
/**
 * A log-key rotation as the log serves it: the handover checkpoint (the first to cover the rotation entry,
 * signed by the old key), so a verifier that trusts the old key can follow the log to the new one.
 */
export const LogHandover = z.strictObject({
  /** The origin the handover checkpoint is signed under (the old vkey's name). */
  oldOrigin: z.string().min(1).max(1024),
  oldVkey: Vkey,
  /** The vkey the rotation entry announces; its name is the new origin. */
  newVkey: Vkey,
  /** The handover checkpoint's size: the rotation entry is its last entry, at `size - 1`. */
  size: z.number().int().positive(),
  /** The handover checkpoint as signed by the old key (a C2SP signed note). */
  checkpoint: z.string().min(1).max(maxCheckpointBytes),
});
export type LogHandover = z.infer<typeof LogHandover>;
export const LogHandovers = z.strictObject({ handovers: z.array(LogHandover) });
