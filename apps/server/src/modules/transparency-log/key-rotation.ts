import { encodeKeyRotation, generateEd25519Keys, isValidKeyName, signerFromKey } from '@parley/merkle-log';
import { type Db, openDatabase } from '../../db/database.ts';
import { SecretBox } from '../../secrets.ts';
import { logKeyContext } from './log-key.ts';
import { integrateAndSign } from './sequencer.ts';
import { logStore } from './store.ts';

/** What a log-key rotation did: the handover checkpoint (old key) and the key that signs after it. */
export type LogKeyRotation = Readonly<{
  oldOrigin: string;
  newOrigin: string;
  newVkey: string;
  /** Size of the handover checkpoint; the rotation entry is at `size - 1`. */
  size: number;
}>;

/** A rotation the log cannot make; the message says why and what to do. */
export class LogKeyRotationError extends Error {
  override readonly name = 'LogKeyRotationError';
}

/**
 * Rotates the log's signing key in one transaction under the sequencer lock: stores a new key for
 * `newOrigin` (sealed under `box`), appends a rotation entry naming it, integrates every queued entry with
 * the rotation last and signs that tree with the old key (the handover), then signs the same tree with the
 * new key, so the log serves a checkpoint under its new origin at once. Any failure leaves the log as it was.
 */
export async function rotateLogKeyIn(
  db: Db,
  newOrigin: string,
  now: Date,
  box: SecretBox,
): Promise<LogKeyRotation> {
  if (!isValidKeyName(newOrigin))
    throw new LogKeyRotationError(`${JSON.stringify(newOrigin)} cannot be a log origin (a note key name)`);
  return db.transaction().execute(async (tx) => {
    if (!(await logStore.trySequencerLock(tx)))
      throw new LogKeyRotationError('a server is sequencing this log: stop every server first');
    const keys = await logStore.logKeys(tx);
    const old = keys.at(-1);
    if (old === undefined)
      throw new LogKeyRotationError('this database has no transparency log yet: start the server once first');
    if (keys.some((k) => k.name === newOrigin))
      throw new LogKeyRotationError(
        `the log has already signed as ${JSON.stringify(newOrigin)}: a rotation needs an origin never used`,
      );
    const oldKey = {
      signer: signerFromKey(box.open(old.skey, logKeyContext(old.name))),
      vkey: old.vkey,
      firstOrigin: keys[0]?.name ?? old.name,
    };
    const fresh = generateEd25519Keys(newOrigin);
    const entry = encodeKeyRotation({ origin: newOrigin, vkey: fresh.vkey });
    // Keys are ordered by creation: the new one must sort last even on a clock that went backwards.
    const createdAt = new Date(Math.max(now.getTime(), old.created_at.getTime() + 1));
    await logStore.insertLogKey(
      tx,
      newOrigin,
      box.seal(fresh.skey, logKeyContext(newOrigin)),
      fresh.vkey,
      createdAt,
    );
    const [ticket] = await logStore.enqueue(tx, [entry], now);
    const handover = await integrateAndSign(tx, {
      origin: old.name,
      key: oldKey,
      now,
      limit: Number.MAX_SAFE_INTEGER,
      force: true,
    });
    const size = handover.checkpoint?.size ?? 0;
    // An entry queued by a process still running would land after the rotation and be signed by the old key.
    if (ticket === undefined || (await logStore.ticketAt(tx, size - 1)) !== ticket)
      throw new LogKeyRotationError('an entry was appended during the rotation: stop every server first');
    const newKey = { signer: signerFromKey(fresh.skey), vkey: fresh.vkey, firstOrigin: oldKey.firstOrigin };
    await integrateAndSign(tx, { origin: newOrigin, key: newKey, now, limit: 0, force: true });
    return { oldOrigin: old.name, newOrigin, newVkey: fresh.vkey, size };
  });
}

export type RotateLogKeyOptions = Readonly<{
  dataDir?: string;
  databaseUrl?: string;
  databaseSchema?: string;
  newOrigin: string;
  /** The key-encryption key (PARLEY_SECRET_KEY_FILE): opens the old key and seals the new one. */
  secretKey?: Uint8Array;
  now?: Date;
}>;

/**
 * `parley admin rotate-log-key`: servers must be stopped (an embedded database is locked against a running
 * one), since a server still signing under the old origin would extend the log past its handover.
 */
export async function rotateLogKey(options: RotateLogKeyOptions): Promise<LogKeyRotation> {
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
  });
  try {
    return await rotateLogKeyIn(
      db,
      options.newOrigin,
      options.now ?? new Date(),
      new SecretBox(options.secretKey),
    );
  } finally {
    await db.destroy();
  }
}
