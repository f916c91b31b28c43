import type { StaffRole } from '@parley/governance';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  type AgencyRow,
  agencyColumns,
  agencyRow,
  type OfficerRow,
  officerColumns,
  officerRow,
  type PersonRef,
  type StaffRow,
  staffColumns,
  staffRow,
} from './access-rows.ts';

/** The only code that writes the staff, agency, officer and staff/officer session tables. */
export const accessStore = {
  async insertStaff(
    db: Db,
    s: Readonly<{
      id: string;
      username: string;
      displayName: string;
      roles: readonly StaffRole[];
      passwordHash: string;
      totpSecret: string;
      createdBy: string | null;
    }>,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_staff')
      .values({
        id: s.id,
        username: s.username,
        display_name: s.displayName,
        roles: JSON.stringify(s.roles),
        password_hash: s.passwordHash,
        totp_secret: s.totpSecret,
        created_by: s.createdBy,
        created_at: now,
      })
      .execute();
  },

  async staffByUsername(db: Db, username: string): Promise<StaffRow | undefined> {
    const r = await db
      .selectFrom('gov_staff')
      .select(staffColumns)
      .where('username', '=', username)
      .executeTakeFirst();
    return r && staffRow(r);
  },

  async staffById(db: Db, id: string): Promise<StaffRow | undefined> {
    const r = await db.selectFrom('gov_staff').select(staffColumns).where('id', '=', id).executeTakeFirst();
    return r && staffRow(r);
  },

  async listStaff(db: Db): Promise<StaffRow[]> {
    const rows = await db.selectFrom('gov_staff').select(staffColumns).orderBy('username').execute();
    return rows.map(staffRow);
  },

  async countStaff(db: Db): Promise<number> {
    const r = await db
      .selectFrom('gov_staff')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /**
   * Records a used TOTP step only if it is newer than the last one, so two logins cannot share a code, and
   * only while the secret is the one the code was checked against: a sign-in racing a confirmed reset waits
   * on this row and then finds the secret replaced, so no session opens with the old authenticator.
   */
  async spendTotpStep(
    db: Db,
    table: 'gov_staff' | 'gov_officers',
    id: string,
    step: number,
    secret: string,
  ): Promise<boolean> {
    const r = await db
      .updateTable(table)
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where('totp_last_step', '<', step)
      .where('totp_secret', '=', secret)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  },

  async insertAgency(
    db: Db,
    a: Readonly<{
      id: string;
      name: string;
      kind: string;
      jurisdiction: string;
      emailDomains: readonly string[];
      callbackNumber: string;
      callbackSource: string;
      registeredBy: string;
    }>,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_agencies')
      .values({
        id: a.id,
        name: a.name,
        kind: a.kind,
        jurisdiction: a.jurisdiction,
        email_domains: JSON.stringify(a.emailDomains),
        callback_number: a.callbackNumber,
        callback_source: a.callbackSource,
        registered_by: a.registeredBy,
        registered_at: now,
      })
      .execute();
  },

  async agency(db: Db, id: string): Promise<AgencyRow | undefined> {
    const r = await db
      .selectFrom('gov_agencies')
      .select(agencyColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && agencyRow(r);
  },

  async listAgencies(db: Db): Promise<AgencyRow[]> {
    const rows = await db
      .selectFrom('gov_agencies')
      .select(agencyColumns)
      .orderBy('jurisdiction')
      .orderBy('name')
      .execute();
    return rows.map(agencyRow);
  },

  async approveAgency(db: Db, id: string, by: string, now: Date): Promise<void> {
    await db
      .updateTable('gov_agencies')
      .set({ approved_by: by, approved_at: now })
      .where('id', '=', id)
      .execute();
  },

  async insertOfficer(
    db: Db,
    o: Readonly<{
      id: string;
      agencyId: string;
      email: string;
      name: string;
      passwordHash: string;
      totpSecret: string;
      createdBy: string;
    }>,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_officers')
      .values({
        id: o.id,
        agency_id: o.agencyId,
        email: o.email,
        name: o.name,
        password_hash: o.passwordHash,
        totp_secret: o.totpSecret,
        created_by: o.createdBy,
        created_at: now,
      })
      .execute();
  },

  async officerByEmail(db: Db, email: string): Promise<OfficerRow | undefined> {
    const r = await db
      .selectFrom('gov_officers')
      .select(officerColumns)
      .where('email', '=', email)
      // The live officer with this address, else the last retired one, so sign-in can say the agency is gone.
      .orderBy(sql`retired_at desc nulls first`)
      .limit(1)
      .executeTakeFirst();
    return r && officerRow(r);
  },

  async officerById(db: Db, id: string): Promise<OfficerRow | undefined> {
    const r = await db
      .selectFrom('gov_officers')
      .select(officerColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && officerRow(r);
  },

  /** Disables (with who and when) or re-enables a person; false when there is no such person. */
  async setDisabled(db: Db, person: PersonRef, by: string | null, now: Date): Promise<boolean> {
    const values =
      by === null ? { disabled_at: null, disabled_by: null } : { disabled_at: now, disabled_by: by };
    const table = person.kind === 'staff' ? 'gov_staff' : 'gov_officers';
    const r = await db.updateTable(table).set(values).where('id', '=', person.id).executeTakeFirst();
    return r.numUpdatedRows === 1n;
  },

  /** Ends every session of a person at once; returns how many there were. */
  async deleteSessionsOf(db: Db, person: PersonRef): Promise<number> {
    const column = person.kind === 'staff' ? 'staff_id' : 'officer_id';
    const r = await db.deleteFrom('gov_sessions').where(column, '=', person.id).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  async insertSession(
    db: Db,
    tokenHash: Uint8Array,
    principal: Readonly<{ staffId: string | null; officerId: string | null }>,
    expiresAt: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_sessions')
      .values({
        token_hash: tokenHash,
        staff_id: principal.staffId,
        officer_id: principal.officerId,
        expires_at: expiresAt,
      })
      .execute();
  },

  async session(db: Db, tokenHash: Uint8Array, now: Date) {
    return db
      .selectFrom('gov_sessions')
      .leftJoin('gov_officers', 'gov_officers.id', 'gov_sessions.officer_id')
      .leftJoin('gov_agencies', 'gov_agencies.id', 'gov_officers.agency_id')
      .select([
        'gov_sessions.staff_id',
        'gov_sessions.officer_id',
        'gov_officers.agency_id',
        'gov_officers.email',
        'gov_officers.disabled_at',
        'gov_officers.retired_at',
        'gov_agencies.suspended_at',
        'gov_agencies.withdrawn_at',
      ])
      .where('gov_sessions.token_hash', '=', tokenHash)
      .where('gov_sessions.expires_at', '>', now)
      .executeTakeFirst();
  },

  async deleteSession(db: Db, tokenHash: Uint8Array): Promise<void> {
    await db.deleteFrom('gov_sessions').where('token_hash', '=', tokenHash).execute();
  },

  async deleteExpiredSessions(db: Db, now: Date): Promise<number> {
    const r = await db.deleteFrom('gov_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
