import { generateEd25519Keys, type NoteSigner, signerFromKey } from '@parley/merkle-log';
import type { Db } from '../../db/database.ts';
import { logStore } from './store.ts';

export type LogKey = Readonly<{ signer: NoteSigner; vkey: string }>;

/**
 * The log's signing key for `origin`: created on first start and kept in the database, so every server
 * process sharing it signs as one log. Concurrent first starts race on the insert; all read back the winner.
 */
export async function loadLogKey(db: Db, origin: string, now: Date): Promise<LogKey> {
  let row = await logStore.logKey(db, origin);
  if (row === undefined) {
    const fresh = generateEd25519Keys(origin);
    await logStore.insertLogKey(db, origin, fresh.skey, fresh.vkey, now);
    row = await logStore.logKey(db, origin);
  }
  if (row === undefined) throw new Error('log key was not stored');
  return { signer: signerFromKey(row.skey), vkey: row.vkey };
}
