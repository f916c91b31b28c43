import type { Db } from '../../db/database.ts';
import type { KnownDevice } from './commit-rules.ts';

/** The group's MLS tree as the delivery service tracks it (group_leaves), and what it reads to decide commits. */
export const leafStore = {
  async leaves(db: Db, groupId: string): Promise<Map<number, string | null>> {
    const rows = await db
      .selectFrom('group_leaves')
      .select(['leaf_index', 'device_id'])
      .where('group_id', '=', groupId)
      .execute();
    return new Map(rows.map((r) => [r.leaf_index, r.device_id]));
  },

  /** Applies a commit's change to the leaf map. */
  async moveLeaves(
    db: Db,
    groupId: string,
    emptied: readonly number[],
    filled: readonly Readonly<{ leafIndex: number; deviceId: string }>[],
  ): Promise<void> {
    if (emptied.length > 0)
      await db
        .deleteFrom('group_leaves')
        .where('group_id', '=', groupId)
        .where('leaf_index', 'in', emptied)
        .execute();
    if (filled.length > 0)
      await db
        .insertInto('group_leaves')
        .values(filled.map((f) => ({ group_id: groupId, leaf_index: f.leafIndex, device_id: f.deviceId })))
        .execute();
  },

  /** Devices by id with their account and key; ids that do not exist are absent. */
  async knownDevices(db: Db, ids: readonly string[]): Promise<Map<string, KnownDevice>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('devices')
      .innerJoin('accounts', 'accounts.id', 'devices.account_id')
      .select([
        'devices.id as deviceId',
        'accounts.username as username',
        'devices.signature_key as signatureKey',
      ])
      .where('devices.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.deviceId, r]));
  },

  async groupInfo(db: Db, groupId: string) {
    return db
      .selectFrom('groups')
      .select(['epoch', 'group_info'])
      .where('id', '=', groupId)
      .executeTakeFirst();
  },
};
