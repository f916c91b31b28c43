import { encodeEpochRecord, KeyDirectory } from '@parley/key-directory';
import type { Db } from '../../db/database.ts';
import type { DirectoryKeys } from './directory-keys.ts';
import { ktStore, type StoredVersion } from './store.ts';

/** The in-memory directory and what the service needs beside it to publish the next epoch. */
export type DirectoryState = {
  directory: KeyDirectory;
  /** Each username's newest published version. */
  versions: Map<string, number>;
  /** Usernames whose VRF proof is stored. */
  proven: Set<string>;
  /** The newest signed checkpoint, undefined before the first epoch. */
  checkpoint: string | undefined;
  /** Openings the next publishEpoch consumes, in staging order. */
  openings: Uint8Array[];
};

/** A fresh, empty state whose directory draws commitment openings from `state.openings`. */
export function emptyState(keys: DirectoryKeys): DirectoryState {
  const openings: Uint8Array[] = [];
  const directory = new KeyDirectory({
    origin: keys.origin,
    vrfSecretKey: keys.vrfSecret,
    random: (length) => {
      const opening = openings.shift();
      if (opening === undefined || opening.length !== length) throw new Error('no opening staged');
      return opening;
    },
  });
  return { directory, versions: new Map(), proven: new Set(), checkpoint: undefined, openings };
}

/**
 * Replays every epoch the database holds beyond what `state` has, with the stored openings and VRF proofs,
 * and checks each rebuilt record is byte for byte the one stored: a restart cannot silently serve another
 * tree than the one it signed. Costs one tree update per stored version and no VRF proof.
 */
export async function replayEpochs(db: Db, state: DirectoryState): Promise<number> {
  const from = state.directory.epochCount;
  const epochs = await ktStore.epochsFrom(db, from);
  if (epochs.length === 0) return 0;
  for (const { username, vrf_proof, label } of await ktStore.vrfProofs(db)) {
    if (state.proven.has(username)) continue;
    state.directory.restoreVrfProof(username, vrf_proof, label);
    state.proven.add(username);
  }
  const byEpoch = new Map<number, StoredVersion[]>();
  for (const v of await ktStore.versionsFrom(db, from)) {
    const list = byEpoch.get(v.epoch) ?? [];
    list.push(v);
    byEpoch.set(v.epoch, list);
  }
  for (const stored of epochs) {
    const versions = byEpoch.get(stored.epoch) ?? [];
    for (const v of versions) {
      state.directory.stage(v.username, { accountKey: v.accountKey, deviceList: v.deviceList });
      state.openings.push(v.opening);
      state.versions.set(v.username, v.version);
    }
    const record = state.directory.publishEpoch();
    if (!equal(encodeEpochRecord(record), stored.record)) {
      throw new Error(`key directory epoch ${stored.epoch} does not rebuild to the record it logged`);
    }
    state.checkpoint = stored.checkpoint;
  }
  return epochs.length;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
