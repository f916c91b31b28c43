import { type DeviceEntry, fromBase64url } from '@parley/protocol';
import type { Db } from '../../db/database.ts';

export type AccountRow = Readonly<{
  id: number;
  username: string;
  account_key: Uint8Array;
  device_list_payload: Uint8Array;
  device_list_signature: Uint8Array;
  device_list_version: number;
}>;

const accountColumns = [
  'id',
  'username',
  'account_key',
  'device_list_payload',
  'device_list_signature',
  'device_list_version',
] as const;

export type DeviceList = Readonly<{ payload: Uint8Array; signature: Uint8Array; version: number }>;

/** The only module that writes the accounts and devices tables. */
export const accountStore = {
  async insert(
    db: Db,
    account: Readonly<{
      username: string;
      accountKey: Uint8Array;
      list: DeviceList;
      jurisdiction: string | null;
    }>,
    today: string,
  ): Promise<number> {
    const row = await db
      .insertInto('accounts')
      .values({
        username: account.username,
        account_key: account.accountKey,
        device_list_payload: account.list.payload,
        device_list_signature: account.list.signature,
        device_list_version: account.list.version,
        jurisdiction: account.jurisdiction,
        created_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async byUsername(db: Db, username: string): Promise<AccountRow | undefined> {
    return db
      .selectFrom('accounts')
      .select(accountColumns)
      .where('username', '=', username)
      .executeTakeFirst();
  },

  /** Locks the account row so concurrent device-list updates serialize. */
  async byIdForUpdate(db: Db, id: number): Promise<AccountRow | undefined> {
    return db
      .selectFrom('accounts')
      .select(accountColumns)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async setDeviceList(db: Db, id: number, list: DeviceList): Promise<void> {
    await db
      .updateTable('accounts')
      .set({
        device_list_payload: list.payload,
        device_list_signature: list.signature,
        device_list_version: list.version,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Makes the devices table match the signed list; returns the ids removed. */
  async syncDevices(
    db: Db,
    accountId: number,
    devices: readonly DeviceEntry[],
    today: string,
  ): Promise<string[]> {
    const current = await db.selectFrom('devices').select('id').where('account_id', '=', accountId).execute();
    const keep = new Set(devices.map((d) => d.deviceId));
    const removed = current.map((d) => d.id).filter((id) => !keep.has(id));
    if (removed.length > 0) await db.deleteFrom('devices').where('id', 'in', removed).execute();
    const known = new Set(current.map((d) => d.id));
    const added = devices.filter((d) => !known.has(d.deviceId));
    if (added.length > 0) {
      await db
        .insertInto('devices')
        .values(
          added.map((d) => ({
            id: d.deviceId,
            account_id: accountId,
            signature_key: fromBase64url(d.signatureKey),
            created_on: today,
            last_seen_on: today,
          })),
        )
        .execute();
    }
    return removed;
  },

  async deviceIds(db: Db, accountId: number): Promise<string[]> {
    const rows = await db.selectFrom('devices').select('id').where('account_id', '=', accountId).execute();
    return rows.map((r) => r.id);
  },

  async touchDevice(db: Db, deviceId: string, today: string): Promise<void> {
    await db
      .updateTable('devices')
      .set({ last_seen_on: today })
      .where('id', '=', deviceId)
      .where('last_seen_on', '<>', today)
      .execute();
  },
};
