import type { Handlers } from '../../http/handlers.ts';
import type { RegistryService } from './registry.ts';
import type { RevocationService } from './revocation.ts';
import type { AccessService } from './service.ts';

export function govAccessRoutes(
  access: AccessService,
  registry: RegistryService,
  revocation: RevocationService,
): Pick<
  Handlers,
  | 'staffLogin'
  | 'officerLogin'
  | 'govLogout'
  | 'createStaff'
  | 'listStaff'
  | 'createAgency'
  | 'listAgencies'
  | 'approveAgency'
  | 'createOfficer'
  | 'setStaffAccess'
  | 'endStaffSessions'
  | 'setOfficerAccess'
  | 'endOfficerSessions'
> {
  return {
    staffLogin: async ({ body }) => access.staffLogin(body),
    officerLogin: async ({ body }) => access.officerLogin(body),
    govLogout: async (_request, principal) => access.logout(principal),
    createStaff: async ({ body }, principal) => registry.createStaff(principal, body),
    listStaff: async (_request, principal) => registry.listStaff(principal),
    createAgency: async ({ body }, principal) => registry.createAgency(principal, body),
    listAgencies: async (_request, principal) => registry.listAgencies(principal),
    approveAgency: async ({ params }, principal) => registry.approveAgency(principal, params.agencyId),
    createOfficer: async ({ params, body }, principal) =>
      registry.createOfficer(principal, params.agencyId, body),
    setStaffAccess: async ({ params, body }, principal) =>
      revocation.setAccess(principal, { kind: 'staff', id: params.staffId }, body.disabled),
    endStaffSessions: async ({ params }, principal) =>
      revocation.endSessions(principal, { kind: 'staff', id: params.staffId }),
    setOfficerAccess: async ({ params, body }, principal) =>
      revocation.setAccess(principal, { kind: 'officer', id: params.officerId }, body.disabled),
    endOfficerSessions: async ({ params }, principal) =>
      revocation.endSessions(principal, { kind: 'officer', id: params.officerId }),
  };
}
