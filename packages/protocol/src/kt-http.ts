import { z } from 'zod';
import { ConsistencyProof, ConsistencyProofQuery, Hash, logResources } from './log-http.ts';
import { b64, Ed25519PublicKey, Username } from './schemas.ts';

/**
 * Key transparency: the key directory's signed epoch checkpoints, lookup proofs and the keys clients pin
 * (docs/adr/0010-key-directory.md). The checkpoint is a C2SP signed note of the epoch log, whose origin is
 * the log's first origin followed by `/kt` (a log-key rotation leaves it); a lookup proof is
 * `@parley/key-directory`'s strict binary encoding, base64url.
 */
export const KtCheckpoint = z.strictObject({
  /** The newest epoch log checkpoint as a signed note (text, ends with a newline). */
  checkpoint: z.string().max(16 * 1024),
});
export const KtKeys = z.strictObject({
  /** Origin line of the epoch log's checkpoints. */
  origin: z.string().max(256),
  /** The note verifier key (vkey) that signs the epoch log's checkpoints. */
  noteKey: z.string().max(512),
  /** The directory's VRF public key (ECVRF-EDWARDS25519-SHA512-TAI). */
  vrfPublicKey: Ed25519PublicKey,
});
export type KtKeys = z.infer<typeof KtKeys>;
export const KtLookup = z.strictObject({
  /** The checkpoint whose newest epoch the proof is for. */
  checkpoint: z.string().max(16 * 1024),
  /** The encoded lookup proof; its entry opens the account key and the signed device list. */
  proof: b64(64 * 1024),
});
/** The signed-in account's own history: every version the directory ever published for it. */
export const KtHistory = z.strictObject({
  /** The checkpoint whose newest epoch the proof ends at. */
  checkpoint: z.string().max(16 * 1024),
  /** `@parley/key-directory`'s encoded history proof (the current lookup, then every version), base64url. */
  proof: b64(4 * 1024 * 1024),
});

/**
 * Largest encoded epoch audit a server serves (an update costs about 310 bytes of audit, so this is some
 * 100,000 updates in one epoch).
 */
export const maxKtAuditBytes = 32 * 1024 * 1024;
const EpochCount = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const KtAuditParams = z.strictObject({ epoch: EpochCount });
export const KtAuditQuery = z.strictObject({
  /** The size of the epoch log (from a checkpoint the auditor opened) the inclusion proof is for. */
  size: EpochCount,
});
export const KtAudit = z.strictObject({
  epoch: z.number().int(),
  size: z.number().int(),
  /** RFC 9162 inclusion proof of the epoch's record (leaf `epoch`) in the epoch log of `size` epochs. */
  inclusion: z.array(Hash).max(64),
  /** `@parley/key-directory`'s encoded epoch audit (records, key events, pruned previous tree), base64url. */
  audit: b64(maxKtAuditBytes),
});
/** Immutable answers: an epoch's audit at a log size, and a consistency proof between two sizes. */
const forever = 'public, max-age=31536000, immutable';

export const ktRoutes = {
  ktKeys: { method: 'GET', path: '/v1/kt/keys', auth: false, response: KtKeys, status: 200 },
  ktCheckpoint: {
    method: 'GET',
    path: '/v1/kt/checkpoint',
    auth: false,
    response: KtCheckpoint,
    status: 200,
    cacheControl: logResources.checkpoint.cacheControl,
  },
  ktLookup: {
    method: 'GET',
    path: '/v1/kt/lookup/:username',
    auth: true,
    params: z.strictObject({ username: Username }),
    response: KtLookup,
    status: 200,
  },
  ktHistory: {
    method: 'GET',
    path: '/v1/kt/history',
    auth: true,
    response: KtHistory,
    status: 200,
  },
  ktConsistency: {
    method: 'GET',
    path: '/v1/kt/consistency',
    auth: false,
    query: ConsistencyProofQuery,
    response: ConsistencyProof,
    status: 200,
    cacheControl: forever,
  },
  ktAudit: {
    method: 'GET',
    path: '/v1/kt/audit/:epoch',
    auth: false,
    params: KtAuditParams,
    query: KtAuditQuery,
    response: KtAudit,
    status: 200,
    cacheControl: forever,
  },
} as const;

const SIGNATURE_SIZE = 64;

/** The device-list bytes a directory entry holds: the signed payload followed by its 64-byte signature. */
export function encodeDirectoryDeviceList(payload: Uint8Array, signature: Uint8Array): Uint8Array {
  if (signature.length !== SIGNATURE_SIZE) throw new RangeError('device list signature must be 64 bytes');
  const out = new Uint8Array(payload.length + SIGNATURE_SIZE);
  out.set(payload);
  out.set(signature, payload.length);
  return out;
}

/** Splits a directory entry's device-list bytes back into payload and signature; null if too short. */
export function decodeDirectoryDeviceList(
  bytes: Uint8Array,
): Readonly<{ payload: Uint8Array; signature: Uint8Array }> | null {
  if (bytes.length <= SIGNATURE_SIZE) return null;
  const cut = bytes.length - SIGNATURE_SIZE;
  return { payload: bytes.slice(0, cut), signature: bytes.slice(cut) };
}
