import { generateEd25519Keys, type NoteSigner, signerFromKey } from '@parley/merkle-log';
import type { Db } from '../../db/database.ts';
import type { SecretBox, StoredSecret } from '../../secrets.ts';
import { logStore } from './store.ts';

export type LogKey = Readonly<{ signer: NoteSigner; vkey: string }>;

/**
 * The log's signing key for `origin`: created on first start and kept in the database, so every server
 * process sharing it signs as one log. Concurrent first starts race on the insert; all read back the winner.
 */
export async function loadLogKey(db: Db, origin: string, now: Date, box: SecretBox): Promise<LogKey> {
  const context = logKeyContext(origin);
  let row = await logStore.logKey(db, origin);
  if (row === undefined) {
    const others = await logStore.logKeyNames(db);
    if (others.length > 0) throw new LogOriginMismatchError(origin, others);
    const fresh = generateEd25519Keys(origin);
    await logStore.insertLogKey(db, origin, box.seal(fresh.skey, context), fresh.vkey, now);
    row = await logStore.logKey(db, origin);
  }
  if (row === undefined) throw new Error('log key was not stored');
  return { signer: signerFromKey(box.open(row.skey, context)), vkey: row.vkey };
}

const logKeyContext = (origin: string) => `log_keys:${origin}`;

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
        `set PARLEY_LOG_ORIGIN (or --log-origin) to ${JSON.stringify(stored[0])}. A log cannot change its origin.`,
    );
    this.name = 'LogOriginMismatchError';
  }
}
