import { randomBytes } from 'node:crypto';
import { generateEd25519Keys, type NoteSigner, signerFromKey } from '@parley/merkle-log';
import type { Db } from '../../db/database.ts';
import { ktStore } from './store.ts';

export type DirectoryKeys = Readonly<{
  origin: string;
  vrfSecret: Uint8Array;
  signer: NoteSigner;
  vkey: string;
}>;

/**
 * The directory's VRF key and checkpoint signing key for `origin`: created on first start and kept in the
 * database, so restarts and every process sharing it keep the same labels and sign as one log. Concurrent
 * first starts race on the insert; all read back the winner.
 */
export async function loadDirectoryKeys(db: Db, origin: string, now: Date): Promise<DirectoryKeys> {
  let row = await ktStore.keys(db, origin);
  if (row === undefined) {
    const note = generateEd25519Keys(origin);
    const vrfSecret = new Uint8Array(randomBytes(32));
    await ktStore.insertKeys(db, { origin, vrfSecret, skey: note.skey, vkey: note.vkey }, now);
    row = await ktStore.keys(db, origin);
  }
  if (row === undefined) throw new Error('key directory keys were not stored');
  return { origin, vrfSecret: row.vrf_secret, signer: signerFromKey(row.note_skey), vkey: row.note_vkey };
}
