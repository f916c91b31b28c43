import { MemberNotice } from '@parley/protocol';
import type { Db } from '../../db/database.ts';

/** A notice as stored: everything the member sees but its row id. */
export type NoticeBody = Omit<MemberNotice, 'id'>;

const StoredNotice = MemberNotice.omit({ id: true });

/** The only code that writes `gov_member_notices`. */
export const noticeStore = {
  /** One row per targeted account; returns each row's id with the account's username, for delivery. */
  async insert(
    db: Db,
    rows: readonly Readonly<{ id: string; reference: string; accountId: number }>[],
    notice: NoticeBody,
    at: Date,
  ): Promise<{ id: string; username: string }[]> {
    if (rows.length === 0) return [];
    await db
      .insertInto('gov_member_notices')
      .values(
        rows.map((r) => ({
          id: r.id,
          reference: r.reference,
          account_id: r.accountId,
          created_at: at,
          notice: JSON.stringify(notice),
        })),
      )
      .execute();
    // The username names the account's fan-out topic; the accounts table is read, never written, here.
    const named = await db
      .selectFrom('gov_member_notices')
      .innerJoin('accounts', 'accounts.id', 'gov_member_notices.account_id')
      .select(['gov_member_notices.id', 'accounts.username'])
      .where(
        'gov_member_notices.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return named.map((r) => ({ id: r.id, username: r.username }));
  },

  /** The account's notices, newest first; a row that does not parse is a server fault, not the member's. */
  async forAccount(db: Db, accountId: number): Promise<MemberNotice[]> {
    const rows = await db
      .selectFrom('gov_member_notices')
      .select(['id', 'notice'])
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, ...StoredNotice.parse(r.notice) }));
  },
};
