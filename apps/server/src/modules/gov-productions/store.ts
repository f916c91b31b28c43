import type { Db } from '../../db/database.ts';
import type { HeldRecords, ProductionPackage } from './package-builder.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/**
 * Productions: the only writer of `gov_productions`. It reads the member tables (accounts, devices, group
 * members) and the case's resolved targets read-only, because a package must come from the real database.
 */
export const productionStore = {
  async resolvedAccounts(db: Db, reference: string): Promise<number[]> {
    const rows = await db
      .selectFrom('gov_case_targets')
      .select('account_id')
      .where('reference', '=', reference)
      .orderBy('position')
      .execute();
    return rows.flatMap((r) => (r.account_id === null ? [] : [r.account_id]));
  },

  async heldRecords(db: Db, accountIds: readonly number[]): Promise<HeldRecords> {
    if (accountIds.length === 0) return { accounts: [], devices: [], groups: [] };
    const accounts = await db
      .selectFrom('accounts')
      .select(['id', 'username', 'account_key', 'created_on', 'jurisdiction'])
      .where('id', 'in', accountIds)
      .orderBy('id')
      .execute();
    const devices = await db
      .selectFrom('devices')
      .select(['id', 'account_id', 'signature_key', 'created_on', 'last_seen_on'])
      .where('account_id', 'in', accountIds)
      .orderBy('account_id')
      .orderBy('id')
      .execute();
    const groups = await db
      .selectFrom('group_members as m')
      .innerJoin('devices as d', 'd.id', 'm.device_id')
      .innerJoin('groups as g', 'g.id', 'm.group_id')
      .select(['d.account_id', 'g.id', 'g.created_on'])
      .where('d.account_id', 'in', accountIds)
      .where('m.until_seq', 'is', null)
      .distinct()
      .orderBy('d.account_id')
      .orderBy('g.id')
      .execute();
    return {
      accounts: accounts.map((a) => ({
        accountId: a.id,
        username: a.username,
        accountKey: b64(a.account_key),
        createdOn: a.created_on,
        declaredJurisdiction: a.jurisdiction,
      })),
      devices: devices.map((d) => ({
        accountId: d.account_id,
        deviceId: d.id,
        signatureKey: b64(d.signature_key),
        createdOn: d.created_on,
        lastSeenOn: d.last_seen_on,
      })),
      groups: groups.map((g) => ({ accountId: g.account_id, groupId: g.id, createdOn: g.created_on })),
    };
  },

  async insert(
    db: Db,
    row: Readonly<{ reference: string; pkg: ProductionPackage; digest: string; producedEventSeq: number }>,
  ): Promise<void> {
    await db
      .insertInto('gov_productions')
      .values({
        reference: row.reference,
        created_at: new Date(row.pkg.manifest.createdAt),
        expires_at: new Date(row.pkg.manifest.expiresAt),
        package: JSON.stringify(row.pkg),
        manifest_digest: row.digest,
        produced_event_seq: row.producedEventSeq,
      })
      .execute();
  },

  async get(db: Db, reference: string) {
    return db.selectFrom('gov_productions').selectAll().where('reference', '=', reference).executeTakeFirst();
  },
};
