import { hasPermission, type Permission } from '@parley/governance';
import { ApiError } from '../../errors.ts';
import type { GovPrincipal, StaffPrincipal } from './principal.ts';

/** Refuses unless the principal is staff holding `permission` (roles come from the registry). */
export function requireStaff(p: GovPrincipal, permission: Permission): StaffPrincipal {
  if (p.kind !== 'staff' || !hasPermission(p.roles, permission)) {
    throw new ApiError(
      'forbidden_role',
      `This needs the ${permission} right, which your role does not grant.`,
      {
        permission,
      },
    );
  }
  return p;
}

/** Refuses unless the staff member holds at least one of the permissions. */
export function requireAnyStaff(p: GovPrincipal, permissions: readonly Permission[]): StaffPrincipal {
  if (p.kind !== 'staff' || !permissions.some((x) => hasPermission(p.roles, x))) {
    throw new ApiError('forbidden_role', `This needs one of: ${permissions.join(', ')}.`, { permissions });
  }
  return p;
}
