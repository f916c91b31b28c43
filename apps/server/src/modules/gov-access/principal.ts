import type { StaffRole } from '@parley/governance';

/** A signed-in staff member; roles come from the staff registry, never from the request. */
export type StaffPrincipal = Readonly<{
  kind: 'staff';
  id: string;
  username: string;
  roles: readonly StaffRole[];
  /** SHA-256 of the session token, for logout. */
  session: Uint8Array;
}>;

/** A signed-in officer of an approved agency. */
export type OfficerPrincipal = Readonly<{
  kind: 'officer';
  id: string;
  agencyId: string;
  email: string;
  session: Uint8Array;
}>;

/** Whoever holds a staff or officer session; shaped so the governance domain takes it as its actor. */
export type GovPrincipal = StaffPrincipal | OfficerPrincipal;

/** The audit label of a principal: `staff:<id>` or `officer:<id>`. */
export function principalLabel(p: GovPrincipal): string {
  return `${p.kind}:${p.id}`;
}
