import type { Db } from '../../db/database.ts';

export type OfficerListRow = Readonly<{
  id: string;
  agencyId: string;
  email: string;
  name: string;
  disabled: boolean;
  retired: boolean;
}>;

/** The SQL behind an agency's standing: its suspension or withdrawal, and its officers' sessions. */
export const standingStore = {
  /** Writes the new standing and who changed it why; `suspended` false clears a suspension. */
  async setStanding(
    db: Db,
    agencyId: string,
    change: Readonly<{ suspended: boolean; withdrawn: boolean; reason: string; by: string }>,
    now: Date,
  ): Promise<void> {
    await db
      .updateTable('gov_agencies')
      .set({
        suspended_at: change.suspended ? now : null,
        ...(change.withdrawn ? { withdrawn_at: now } : {}),
        standing_reason: change.reason,
        standing_changed_by: change.by,
        standing_changed_at: now,
      })
      .where('id', '=', agencyId)
      .execute();
  },

  /** Retires every officer of a withdrawn agency: no sign-in ever again, and their e-mail addresses free. */
  async retireOfficers(db: Db, agencyId: string, now: Date): Promise<void> {
    await db
      .updateTable('gov_officers')
      .set({ retired_at: now })
      .where('agency_id', '=', agencyId)
      .where('retired_at', 'is', null)
      .execute();
  },

  /** Ends every session of every officer of the agency at once; returns how many there were. */
  async deleteAgencySessions(db: Db, agencyId: string): Promise<number> {
    const r = await db
      .deleteFrom('gov_sessions')
      .where('officer_id', 'in', (q) =>
        q.selectFrom('gov_officers').select('id').where('agency_id', '=', agencyId),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  async listOfficers(db: Db, agencyId: string): Promise<OfficerListRow[]> {
    const rows = await db
      .selectFrom('gov_officers')
      .select(['id', 'agency_id', 'email', 'name', 'disabled_at', 'retired_at'])
      .where('agency_id', '=', agencyId)
      .orderBy('email')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      email: r.email,
      name: r.name,
      disabled: r.disabled_at !== null,
      retired: r.retired_at !== null,
    }));
  },
};
