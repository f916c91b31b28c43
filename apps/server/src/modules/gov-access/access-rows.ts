import type { StaffRole } from '@parley/governance';
import { StaffRoleName } from '@parley/protocol';

// The rows of the staff, agency and officer tables as the module reads them, and their mapping from SQL.

const roleList = StaffRoleName.array();

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}

export type StaffRow = Readonly<{
  id: string;
  username: string;
  displayName: string;
  roles: readonly StaffRole[];
  passwordHash: string;
  totpSecret: string;
  totpLastStep: number;
  disabled: boolean;
}>;

export type AgencyRow = Readonly<{
  id: string;
  name: string;
  kind: string;
  jurisdiction: string;
  emailDomains: readonly string[];
  callbackNumber: string;
  callbackSource: string;
  registeredBy: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  standing: AgencyStanding;
  standingReason: string | null;
  standingChangedAt: Date | null;
}>;

/** Pending until approved; a withdrawal outranks a suspension, which outranks the approval it pauses. */
export type AgencyStanding = 'pending' | 'approved' | 'suspended' | 'withdrawn';

export type OfficerRow = Readonly<{
  id: string;
  agencyId: string;
  email: string;
  passwordHash: string;
  totpSecret: string;
  totpLastStep: number;
  disabled: boolean;
  /** The officer's agency was withdrawn: never signs in again. */
  retired: boolean;
}>;

/** One staff member or one officer, as the session and revocation statements address them. */
export type PersonRef = Readonly<{ kind: 'staff'; id: string } | { kind: 'officer'; id: string }>;

export const staffColumns = [
  'id',
  'username',
  'display_name',
  'roles',
  'password_hash',
  'totp_secret',
  'totp_last_step',
  'disabled_at',
] as const;
export const agencyColumns = [
  'id',
  'name',
  'kind',
  'jurisdiction',
  'email_domains',
  'callback_number',
  'callback_source',
  'registered_by',
  'approved_by',
  'approved_at',
  'suspended_at',
  'withdrawn_at',
  'standing_reason',
  'standing_changed_at',
] as const;

export function staffRow(r: {
  id: string;
  username: string;
  display_name: string;
  roles: unknown;
  password_hash: string;
  totp_secret: string;
  totp_last_step: number;
  disabled_at: Date | null;
}): StaffRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: roleList.parse(r.roles),
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastStep: r.totp_last_step,
    disabled: r.disabled_at !== null,
  };
}

export const officerColumns = [
  'id',
  'agency_id',
  'email',
  'password_hash',
  'totp_secret',
  'totp_last_step',
  'disabled_at',
  'retired_at',
] as const;

export function officerRow(r: {
  id: string;
  agency_id: string;
  email: string;
  password_hash: string;
  totp_secret: string;
  totp_last_step: number;
  disabled_at: Date | null;
  retired_at: Date | null;
}): OfficerRow {
  return {
    id: r.id,
    agencyId: r.agency_id,
    email: r.email,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastStep: r.totp_last_step,
    disabled: r.disabled_at !== null,
    retired: r.retired_at !== null,
  };
}

export function agencyRow(r: {
  id: string;
  name: string;
  kind: string;
  jurisdiction: string;
  email_domains: unknown;
  callback_number: string;
  callback_source: string;
  registered_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  suspended_at: Date | null;
  withdrawn_at: Date | null;
  standing_reason: string | null;
  standing_changed_at: Date | null;
}): AgencyRow {
  const standing: AgencyStanding =
    r.withdrawn_at !== null
      ? 'withdrawn'
      : r.suspended_at !== null
        ? 'suspended'
        : r.approved_at !== null
          ? 'approved'
          : 'pending';
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    jurisdiction: r.jurisdiction,
    emailDomains: stringList(r.email_domains),
    callbackNumber: r.callback_number,
    callbackSource: r.callback_source,
    registeredBy: r.registered_by,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    standing,
    standingReason: r.standing_reason,
    standingChangedAt: r.standing_changed_at,
  };
}
