import type { Db } from '../../db/database.ts';
import type { PersonRef } from './access-rows.ts';

export type TotpResetRow = Readonly<{
  id: string;
  person: PersonRef;
  personName: string;
  reason: string;
  proposedBy: string;
  proposedAt: Date;
  expiresAt: Date;
  closedAs: 'confirmed' | 'cancelled' | 'expired' | null;
  closedBy: string | null;
  closedAt: Date | null;
}>;

const columns = [
  'r.id',
  'r.person_kind',
  'r.person_id',
  'r.reason',
  'r.proposed_by',
  'r.proposed_at',
  'r.expires_at',
  'r.closed_as',
  'r.closed_by',
  'r.closed_at',
  's.username',
  'o.email',
] as const;

function selectResets(db: Db) {
  return db
    .selectFrom('gov_totp_resets as r')
    .leftJoin('gov_staff as s', (j) => j.onRef('s.id', '=', 'r.person_id').on('r.person_kind', '=', 'staff'))
    .leftJoin('gov_officers as o', (j) =>
      j.onRef('o.id', '=', 'r.person_id').on('r.person_kind', '=', 'officer'),
    )
    .select(columns);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectResets>['executeTakeFirstOrThrow']>>;

function toRow(r: Selected): TotpResetRow {
  return {
    id: r.id,
    person: { kind: r.person_kind, id: r.person_id },
    personName: r.username ?? r.email ?? '',
    reason: r.reason,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    expiresAt: r.expires_at,
    closedAs: r.closed_as,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
  };
}

/** The SQL of two-admin authenticator resets, and the one write that swaps a person's TOTP secret. */
export const totpResetStore = {
  async insert(
    db: Db,
    r: Readonly<{ id: string; person: PersonRef; reason: string; proposedBy: string }>,
    now: Date,
    expiresAt: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_totp_resets')
      .values({
        id: r.id,
        person_kind: r.person.kind,
        person_id: r.person.id,
        reason: r.reason,
        proposed_by: r.proposedBy,
        proposed_at: now,
        expires_at: expiresAt,
      })
      .execute();
  },

  async byId(db: Db, id: string): Promise<TotpResetRow | undefined> {
    const r = await selectResets(db).where('r.id', '=', id).executeTakeFirst();
    return r && toRow(r);
  },

  /** The person's proposal that is not closed yet (it may have lapsed without being marked). */
  async openFor(db: Db, person: PersonRef): Promise<TotpResetRow | undefined> {
    const r = await selectResets(db)
      .where('r.person_kind', '=', person.kind)
      .where('r.person_id', '=', person.id)
      .where('r.closed_at', 'is', null)
      .executeTakeFirst();
    return r && toRow(r);
  },

  /** The newest proposals, open ones first. */
  async list(db: Db, limit: number): Promise<TotpResetRow[]> {
    const rows = await selectResets(db)
      .orderBy('r.closed_at', (o) => o.desc().nullsFirst())
      .orderBy('r.proposed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  },

  /** Closes a proposal that is still open; false when someone else closed it first. */
  async close(
    db: Db,
    id: string,
    as: 'confirmed' | 'cancelled' | 'expired',
    by: string | null,
    now: Date,
  ): Promise<boolean> {
    const r = await db
      .updateTable('gov_totp_resets')
      .set({ closed_as: as, closed_by: by, closed_at: now })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  },

  async setTotpSecret(db: Db, person: PersonRef, secret: string): Promise<void> {
    const table = person.kind === 'staff' ? 'gov_staff' : 'gov_officers';
    await db.updateTable(table).set({ totp_secret: secret }).where('id', '=', person.id).execute();
  },
};
