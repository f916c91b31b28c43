import { encodeEpochRecord, KeyDirectory } from '@parley/key-directory';
import { formatCheckpoint, signerFromKey, signNote } from '@parley/merkle-log';
import {
  decodeDeviceList,
  encodeDeviceList,
  encodeDirectoryDeviceList,
  fromBase64url,
  toBase64url,
} from '@parley/protocol';
import type { TestNetwork } from '@parley/testkit';
import { sql } from 'kysely';

/** An account's key and signed device list as the server stores them (base64url). */
export type StoredAccount = Readonly<{
  accountKey: string;
  deviceList: Readonly<{ payload: string; signature: string }>;
}>;

/** What the operator of a test network's server can do to its own key directory, as a database superuser. */
export type Operator = ReturnType<typeof operator>;

export function operator(net: Pick<TestNetwork, 'server'>) {
  const { db, keyDirectory } = net.server.context;
  return {
    /** The account as the server stores it. */
    async account(username: string): Promise<StoredAccount> {
      const row = await db
        .selectFrom('accounts')
        .select(['account_key', 'device_list_payload', 'device_list_signature'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return {
        accountKey: toBase64url(row.account_key),
        deviceList: {
          payload: toBase64url(row.device_list_payload),
          signature: toBase64url(row.device_list_signature),
        },
      };
    },

    /** Stages an entry of the operator's choosing and publishes it as the next epoch. */
    async publishEntry(username: string, accountKey: Uint8Array, deviceList: Uint8Array) {
      await db
        .insertInto('kt_pending')
        .values({ username, account_key: accountKey, device_list: deviceList, queued_at: new Date() })
        .onConflict((c) =>
          c.column('username').doUpdateSet({ account_key: accountKey, device_list: deviceList }),
        )
        .execute();
      await keyDirectory.publish();
    },

    /**
     * Publishes `username`'s device list under its account key as the next epoch: the stored ones, or those
     * of `account` (as `account()` read them earlier), with `accountKey` instead of the key if given.
     */
    async publishAccount(username: string, accountKey?: string, earlier?: StoredAccount) {
      const account = earlier ?? (await this.account(username));
      const deviceList = encodeDirectoryDeviceList(
        fromBase64url(account.deviceList.payload),
        fromBase64url(account.deviceList.signature),
      );
      await this.publishEntry(username, fromBase64url(accountKey ?? account.accountKey), deviceList);
    },

    /**
     * Publishes `username`'s list with one more device, of the operator's, under the account's real key and
     * its old signature, which cannot cover the new list: what an operator slipping in a device would show.
     */
    async publishForeignDevice(username: string) {
      const account = await this.account(username);
      const decoded = decodeDeviceList(account.deviceList);
      if (decoded === null) throw new Error(`${username}'s stored device list does not decode`);
      const foreign = {
        deviceId: toBase64url(new Uint8Array(16).fill(7)),
        signatureKey: toBase64url(new Uint8Array(32).fill(9)),
        addedAt: '2026-12-07',
      };
      const payload = encodeDeviceList({
        ...decoded.list,
        version: decoded.list.version + 1,
        devices: [...decoded.list.devices, foreign],
      });
      const deviceList = encodeDirectoryDeviceList(payload, decoded.signature);
      await this.publishEntry(username, fromBase64url(account.accountKey), deviceList);
    },

    /**
     * Rewrites one published version in place: a new commitment opening for `username`'s `version`, then
     * every epoch record from that version's epoch on recomputed and its checkpoint re-signed with the
     * directory's own keys, so the server starts cleanly and serves the rewritten history as its only one.
     */
    async rewriteVersion(username: string, version: number) {
      const keys = await db.selectFrom('kt_keys').selectAll().executeTakeFirstOrThrow();
      const versions = await db
        .selectFrom('kt_versions')
        .selectAll()
        .orderBy('epoch')
        .orderBy('username')
        .execute();
      const openings: Uint8Array[] = [];
      const directory = new KeyDirectory({
        origin: keys.origin,
        vrfSecretKey: fromBase64url(keys.vrf_secret),
        random: () => openings.shift() ?? new Uint8Array(32),
      });
      const signer = signerFromKey(keys.note_skey);
      await db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        const epochs = await tx.selectFrom('kt_epochs').select('epoch').orderBy('epoch').execute();
        for (const { epoch } of epochs) {
          for (const v of versions.filter((row) => row.epoch === epoch)) {
            const rewritten = v.username === username && v.version === version;
            const opening = rewritten ? crypto.getRandomValues(new Uint8Array(32)) : v.opening;
            if (rewritten)
              await tx
                .updateTable('kt_versions')
                .set({ opening })
                .where('username', '=', username)
                .where('version', '=', version)
                .execute();
            directory.stage(v.username, { accountKey: v.account_key, deviceList: v.device_list });
            openings.push(opening);
          }
          const record = encodeEpochRecord(directory.publishEpoch());
          const checkpoint = signNote(formatCheckpoint(directory.checkpoint()), [signer]);
          await tx.updateTable('kt_epochs').set({ record, checkpoint }).where('epoch', '=', epoch).execute();
        }
      });
      await keyDirectory.reload();
    },

    /**
     * Deletes every published epoch (past the append-only triggers) and republishes the accounts as a new
     * history of `epochs` epochs, then reloads the directory as a restart would.
     */
    async rewriteEpochs(epochs: number) {
      await db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await tx.deleteFrom('kt_cosignatures').execute();
        await tx.deleteFrom('kt_versions').execute();
        await tx.deleteFrom('kt_epochs').execute();
        await tx.deleteFrom('kt_vrf_proofs').execute();
      });
      await keyDirectory.reload();
      const accounts = await db
        .selectFrom('accounts')
        .select(['username', 'account_key', 'device_list_payload', 'device_list_signature'])
        .orderBy('username')
        .execute();
      for (let epoch = 0; epoch < epochs; epoch++) {
        const row = accounts[epoch % accounts.length];
        if (row === undefined) throw new Error('no accounts to republish');
        const deviceList = encodeDirectoryDeviceList(row.device_list_payload, row.device_list_signature);
        await this.publishEntry(row.username, row.account_key, deviceList);
      }
    },
  };
}
