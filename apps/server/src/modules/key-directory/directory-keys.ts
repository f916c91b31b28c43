import { randomBytes } from 'node:crypto';
import { generateEd25519Keys, type NoteSigner, signerFromKey } from '@parley/merkle-log';
import { fromBase64url, toBase64url } from '@parley/protocol';
import type { Db } from '../../db/database.ts';
import type { SecretBox, StoredSecret } from '../../secrets.ts';
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
 * first starts race on the insert; all read back the winner. Both secrets are sealed under the server's
 * key-encryption key when it has one (keys created before it are sealed at the next start).
 */
export async function loadDirectoryKeys(
  db: Db,
  origin: string,
  now: Date,
  box: SecretBox,
): Promise<DirectoryKeys> {
  const vrfContext = secretContext('vrf_secret', origin);
  const noteContext = secretContext('note_skey', origin);
  let row = await ktStore.keys(db, origin);
  if (row === undefined) {
    const note = generateEd25519Keys(origin);
    const vrfSecret = box.seal(toBase64url(new Uint8Array(randomBytes(32))), vrfContext);
    await ktStore.insertKeys(
      db,
      { origin, vrfSecret, skey: box.seal(note.skey, noteContext), vkey: note.vkey },
      now,
    );
    row = await ktStore.keys(db, origin);
  }
  if (row === undefined) throw new Error('key directory keys were not stored');
  return {
    origin,
    vrfSecret: fromBase64url(box.open(row.vrf_secret, vrfContext)),
    signer: signerFromKey(box.open(row.note_skey, noteContext)),
    vkey: row.note_vkey,
  };
}

type SecretColumn = 'vrf_secret' | 'note_skey';

const secretContext = (column: SecretColumn, origin: string) => `kt_keys.${column}:${origin}`;

/** The directory's VRF and note signing keys as stored, for sealing at start and for a key rotation. */
export async function directoryKeySecrets(db: Db): Promise<StoredSecret[]> {
  const rows = await ktStore.allKeys(db);
  return rows.flatMap((row) =>
    (['vrf_secret', 'note_skey'] as const).map((column) => ({
      stored: row[column],
      context: secretContext(column, row.origin),
      replace: (tx: Db, stored: string) => ktStore.resealKey(tx, row.origin, column, stored),
    })),
  );
}
