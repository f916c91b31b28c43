import {
  decodeEpochAudit,
  decodeEpochRecord,
  type EpochRecord,
  encodeEpochRecord,
  KeyDirectoryError,
  type KeyDirectoryErrorCode,
  type KeyEvent,
  verifyEpochAudit,
  verifyEpochExtension,
  verifyLoggedEpoch,
} from '@parley/key-directory';
import {
  type Checkpoint,
  cosignatureVerifierFromKey,
  fromBase64,
  openCheckpoint,
  toBase64,
  verifierFromKey,
} from '@parley/merkle-log';
import { fromBase64url, type KtKeys, toBase64url } from '@parley/protocol';
import { isRetryable, ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import type { KtAuditState, KtAuditStateStore } from './kt-audit-state.ts';

/** Why an audit of the key directory failed; the directory codes are `@parley/key-directory`'s. */
export type KtAuditProblem =
  /** The directory's origin, note key or VRF key differ from the ones pinned in the state. */
  | 'keys-changed'
  /** The checkpoint does not open under the pinned note key (or lacks the witness quorum). */
  | 'checkpoint'
  /** The server refused to serve an epoch its own checkpoint covers, or a consistency proof. */
  | 'proof-missing'
  | KeyDirectoryErrorCode;

/** The key directory does not audit; `epoch` names the epoch at fault when there is one. */
export class KtAuditError extends Error {
  override readonly name = 'KtAuditError';
  readonly problem: KtAuditProblem;
  readonly epoch: number | undefined;

  constructor(problem: KtAuditProblem, message: string, epoch?: number) {
    super(message);
    this.problem = problem;
    this.epoch = epoch;
  }
}

export type AuditKeyDirectoryOptions = Readonly<{
  http: HttpClient;
  /** The state of earlier runs, saved again after each verified epoch; without one, audits from scratch. */
  store?: KtAuditStateStore;
  /** cosignature/v1 vkeys of trusted witnesses, and how many must have cosigned (default none). */
  witnesses?: readonly string[];
  quorum?: number;
  onProgress?: (done: number, total: number) => void;
}>;

export type KtAuditResult = Readonly<{
  origin: string;
  /** Epochs in the checkpoint audited against, all of them audited now. */
  size: number;
  /** Epochs audited in this run (the rest were audited before). */
  audited: number;
  /** Key events in the epochs audited in this run. */
  events: number;
  /** Labels (accounts) the directory holds. */
  labels: number;
  cosignatures: number;
  state: KtAuditState;
}>;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * `parley kt audit`: checks that the key directory changed only what it logged (ADR 0010). Pins the
 * directory's keys, opens its newest checkpoint and checks it extends the one seen last, then, for every
 * epoch not yet audited, that its record is in that checkpoint, that it follows the previous record, and
 * `verifyEpochAudit`, plus what that stateless check cannot see: each label's versions follow one another.
 * Throws KtAuditError naming the problem; an unreachable server is the transport's ParleyApiError.
 */
export async function auditKeyDirectory(options: AuditKeyDirectoryOptions): Promise<KtAuditResult> {
  const { http } = options;
  const previous = await options.store?.load();
  const keys = await ask(() => http.call('ktKeys', {}));
  if (previous !== undefined && !sameKeys(previous.keys, keys)) {
    throw new KtAuditError(
      'keys-changed',
      `the directory's keys changed from the pinned ${keysText(previous.keys)} to ${keysText(keys)}`,
    );
  }
  const opened = await newestCheckpoint(options, keys);
  const checkpoint = opened?.checkpoint ?? {
    origin: keys.origin,
    size: 0,
    rootHash: new Uint8Array(32),
    extensions: [],
  };
  await checkExtends(http, previous?.checkpoint ?? null, checkpoint);
  let state: KtAuditState = {
    format: 1,
    keys,
    checkpoint:
      checkpoint.size === 0
        ? (previous?.checkpoint ?? null)
        : { size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash) },
    audited: previous?.audited ?? 0,
    lastRecord: previous?.lastRecord ?? null,
    labels: previous?.labels ?? {},
  };
  await options.store?.save(state);
  const first = state.audited;
  let events = 0;
  const labels = new Map(Object.entries(state.labels));
  let last = state.lastRecord === null ? null : decodeEpochRecord(fromBase64url(state.lastRecord));
  for (let epoch = first; epoch < checkpoint.size; epoch++) {
    options.onProgress?.(epoch - first, checkpoint.size - first);
    const record = await auditEpoch(http, checkpoint, epoch, last, labels);
    events += record.eventCount;
    last = record;
    state = {
      ...state,
      audited: epoch + 1,
      lastRecord: toBase64url(encodeEpochRecord(record)),
      labels: Object.fromEntries(labels),
    };
    await options.store?.save(state);
  }
  options.onProgress?.(checkpoint.size - first, checkpoint.size - first);
  return {
    origin: keys.origin,
    size: checkpoint.size,
    audited: checkpoint.size - first,
    events,
    labels: labels.size,
    cosignatures: opened?.cosignatures ?? 0,
    state,
  };
}

/** Fetches one epoch's audit at the checkpoint's size and checks it; returns its verified record. */
async function auditEpoch(
  http: HttpClient,
  checkpoint: Checkpoint,
  epoch: number,
  previous: EpochRecord | null,
  labels: Map<string, number>,
): Promise<EpochRecord> {
  const served = await ask(
    () => http.call('ktAudit', { params: { epoch }, query: { size: checkpoint.size } }),
    epoch,
  );
  try {
    if (served.epoch !== epoch || served.size !== checkpoint.size)
      throw new KeyDirectoryError(
        'epoch_not_logged',
        `the server answered for epoch ${served.epoch} of ${served.size}`,
      );
    const audit = decodeEpochAudit(fromBase64url(served.audit));
    if (audit.record.epoch !== epoch)
      throw new KeyDirectoryError('epoch_not_logged', `the server sent epoch ${audit.record.epoch}'s record`);
    const inclusion = served.inclusion.map(fromBase64);
    const record = verifyLoggedEpoch(checkpoint, { record: audit.record, inclusion });
    // The previous record is the one this auditor verified, never the one the server sends with the audit.
    verifyEpochAudit({ ...audit, previous });
    checkVersions(audit.events, labels);
    return record;
  } catch (error) {
    if (!(error instanceof KeyDirectoryError)) throw error;
    throw new KtAuditError(error.code, `epoch ${epoch}: ${error.message}`, epoch);
  }
}

/** Each event must be its label's next version, from the versions this auditor has seen logged. */
function checkVersions(events: readonly KeyEvent[], labels: Map<string, number>): void {
  for (const event of events) {
    const label = hex(event.label);
    const before = labels.get(label) ?? 0;
    if (event.version !== before + 1) {
      throw new KeyDirectoryError(
        'history_invalid',
        `label ${label.slice(0, 16)}… goes from version ${before} to ${event.version}`,
      );
    }
  }
  for (const event of events) labels.set(hex(event.label), event.version);
}

async function newestCheckpoint(options: AuditKeyDirectoryOptions, keys: KtKeys) {
  let note: string;
  try {
    note = (await options.http.call('ktCheckpoint', {})).checkpoint;
  } catch (error) {
    // A directory with no epoch yet has nothing to audit; the state decides whether that is a rollback.
    if (error instanceof ParleyApiError && error.code === 'directory_not_published') return undefined;
    throw refusal(error);
  }
  try {
    const opened = openCheckpoint(note, {
      origin: keys.origin,
      log: verifierFromKey(keys.noteKey),
      witnesses: (options.witnesses ?? []).map((w) => cosignatureVerifierFromKey(w)),
      quorum: options.quorum ?? 0,
    });
    return { checkpoint: opened.checkpoint, cosignatures: opened.cosignatures.length };
  } catch (error) {
    throw new KtAuditError('checkpoint', `the directory's checkpoint does not open: ${message(error)}`);
  }
}

/** The newest checkpoint must extend the last one audited against: otherwise the server forked or rolled back. */
async function checkExtends(
  http: HttpClient,
  seen: KtAuditState['checkpoint'],
  next: Checkpoint,
): Promise<void> {
  if (seen === null) return;
  const old: Checkpoint = {
    origin: next.origin,
    size: seen.size,
    rootHash: fromBase64(seen.rootHash),
    extensions: [],
  };
  let proof: Uint8Array[] = [];
  if (next.size > old.size && old.size > 0) {
    const answer = await ask(() => http.call('ktConsistency', { query: { from: old.size, to: next.size } }));
    proof = answer.proof.map(fromBase64);
  }
  try {
    verifyEpochExtension(old, next, proof);
    if (next.size === old.size && toBase64(next.rootHash) !== seen.rootHash)
      throw new KeyDirectoryError('fork', `two different epoch logs of ${next.size} epochs`);
  } catch (error) {
    if (!(error instanceof KeyDirectoryError)) throw error;
    throw new KtAuditError(
      error.code,
      `the directory's log does not extend the one audited before: ${error.message}`,
    );
  }
}

/** Runs a request, turning a refusal into the server failing to prove something. */
async function ask<T>(request: () => Promise<T>, epoch?: number): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw refusal(error, epoch);
  }
}

/** A transport failure or a busy server stays as it is (the CLI reports it as unreachable or failed). */
function refusal(error: unknown, epoch?: number): unknown {
  if (!(error instanceof ParleyApiError) || error.code === 'network' || isRetryable(error)) return error;
  return new KtAuditError('proof-missing', `the server refused: ${error.code} (${error.message})`, epoch);
}

function sameKeys(a: KtKeys, b: KtKeys): boolean {
  return a.origin === b.origin && a.noteKey === b.noteKey && a.vrfPublicKey === b.vrfPublicKey;
}

function keysText(keys: KtKeys): string {
  return `${keys.origin} (${keys.noteKey.split('+')[1] ?? '?'}+…, VRF ${keys.vrfPublicKey.slice(0, 8)}…)`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
