import type { Db } from '../../db/database.ts';

export type StandingAction = 'suspend' | 'reinstate' | 'withdraw';

export type StandingChangeRow = Readonly<{
  action: StandingAction;
  reason: string;
  changedBy: string;
  changedAt: Date;
}>;

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
  /** Locks the agency's row, so two admins' changes to its standing apply one after the other. */
  async lock(db: Db, agencyId: string): Promise<void> {
    await db.selectFrom('gov_agencies').select('id').where('id', '=', agencyId).forUpdate().execute();
  },

  /**
   * Writes the new standing with who changed it why, and appends the change to the agency's history; a
   * reinstatement clears the suspension.
   */
  async setStanding(
    db: Db,
    agencyId: string,
    change: Readonly<{ action: StandingAction; reason: string; by: string }>,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_agency_standing_changes')
      .values({
        agency_id: agencyId,
        action: change.action,
        reason: change.reason,
        changed_by: change.by,
        changed_at: now,
      })
      .execute();
    await db
      .updateTable('gov_agencies')
      .set({
        suspended_at: change.action === 'suspend' ? now : null,
        ...(change.action === 'withdraw' ? { withdrawn_at: now } : {}),
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

  /** Every change of the agency's standing, oldest first. */
  async history(db: Db, agencyId: string): Promise<StandingChangeRow[]> {
    const rows = await db
      .selectFrom('gov_agency_standing_changes')
      .select(['action', 'reason', 'changed_by', 'changed_at'])
      .where('agency_id', '=', agencyId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      action: r.action,
      reason: r.reason,
      changedBy: r.changed_by,
      changedAt: r.changed_at,
    }));
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
