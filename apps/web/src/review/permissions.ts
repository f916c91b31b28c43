import { hasPermission, type Permission, type StaffRole } from '@parley/sdk';

/**
 * What the console offers each role: the domain's own rights matrix (docs/governance.md, "Roles and
 * rights"). The server checks every call again and its refusal is what counts.
 */
export type Right = Permission;

/** Whether any of the roles carries the right. */
export function can(roles: readonly StaffRole[], right: Right): boolean {
  return hasPermission(roles, right);
}

export const roleLabels: Readonly<Record<StaffRole, string>> = {
  intake: 'Intake',
  legal_reviewer: 'Legal reviewer',
  human_rights_lead: 'Human-rights lead',
  policy_admin: 'Policy admin',
  auditor: 'Auditor',
};
