import { generateEd25519Keys, type NoteSigner, signerFromKey } from '@parley/merkle-log';
import type { Db } from '../../db/database.ts';
import type { SecretBox, StoredSecret } from '../../secrets.ts';
import { logStore } from './store.ts';

export type LogKey = Readonly<{
  signer: NoteSigner;
  vkey: string;
  /**
   * The origin the log was created under, which a key rotation does not change: the key directory's epoch
   * log keeps `<first origin>/kt` and its own keys.
   */
  firstOrigin: string;
}>;

/**
 * The log's signing key for `origin`: created on first start and kept in the database, so every server
 * process sharing it signs as one log. Concurrent first starts race on the insert; all read back the winner.
 * Only the newest key signs: an origin retired by a rotation is refused, naming the one that replaced it.
 */
export async function loadLogKey(db: Db, origin: string, now: Date, box: SecretBox): Promise<LogKey> {
  let keys = await logStore.logKeys(db);
  if (keys.length === 0) {
    const fresh = generateEd25519Keys(origin);
    await logStore.insertLogKey(db, origin, box.seal(fresh.skey, logKeyContext(origin)), fresh.vkey, now);
    keys = await logStore.logKeys(db);
  }
  const current = keys.at(-1);
  const first = keys[0];
  if (current === undefined || first === undefined) throw new Error('log key was not stored');
  if (current.name !== origin) {
    const names = keys.map((k) => k.name);
    if (names.includes(origin)) throw new LogOriginRotatedError(origin, current.name);
    throw new LogOriginMismatchError(origin, names);
  }
  return {
    signer: signerFromKey(box.open(current.skey, logKeyContext(origin))),
    vkey: current.vkey,
    firstOrigin: first.name,
  };
}

export const logKeyContext = (origin: string) => `log_keys:${origin}`;

/** The log's signing keys as stored, for sealing at start and for a key rotation. */
export async function logKeySecrets(db: Db): Promise<StoredSecret[]> {
  const rows = await logStore.logKeys(db);
  return rows.map((row) => ({
    stored: row.skey,
    context: logKeyContext(row.name),
    replace: (tx, stored) => logStore.resealLogKey(tx, row.name, stored),
  }));
}

/**
 * The database's log is signed under another origin. Starting anyway would make a second key: `/log/key`
 * would serve it while the stored checkpoints carry the first one's signature, and every verifier would fail.
 */
export class LogOriginMismatchError extends Error {
  constructor(configured: string, stored: readonly string[]) {
    const names = stored.map((name) => JSON.stringify(name)).join(', ');
    super(
      `the log origin is ${JSON.stringify(configured)}, but this database's transparency log is signed as ${names}; ` +
        `set PARLEY_LOG_ORIGIN (or --log-origin) to ${JSON.stringify(stored.at(-1))}. A log changes its origin only ` +
        'by `parley admin rotate-log-key`, which announces the new one in the log.',
    );
    this.name = 'LogOriginMismatchError';
  }
}

/** The configured origin was retired by a key rotation: signing with its key again would fork the log's keys. */
export class LogOriginRotatedError extends Error {
  constructor(configured: string, current: string) {
    super(
      `the log origin ${JSON.stringify(configured)} was retired by a log-key rotation; this database's transparency log ` +
        `now signs as ${JSON.stringify(current)}: set PARLEY_LOG_ORIGIN (or --log-origin) to ${JSON.stringify(current)}.`,
    );
    this.name = 'LogOriginRotatedError';
  }
}
