import { encodeDirectoryDeviceList, toBase64url } from '@parley/protocol';
import type { TestNetwork } from '@parley/testkit';
import { sql } from 'kysely';

/** What the operator of a test network's server can do to its own key directory, as a database superuser. */
export type Operator = ReturnType<typeof operator>;

export function operator(net: TestNetwork) {
  const { db, keyDirectory } = net.server.context;
  return {
    /** The account as the server stores it. */
    async account(username: string) {
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
