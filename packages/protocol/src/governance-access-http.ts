import { AgencyStandingBody, AgencyStandingChanged, OfficerList } from './governance-access-schemas.ts';
import { AgencyParams } from './governance-schemas.ts';

/** Agency standing (suspend, reinstate, withdraw), an agency's officers, and two-admin TOTP resets. */
export const governanceAccessRoutes = {
  setAgencyStanding: {
    method: 'POST',
    path: '/v1/gov/agencies/:agencyId/standing',
    auth: false,
    principal: 'staff',
    params: AgencyParams,
    body: AgencyStandingBody,
    response: AgencyStandingChanged,
    status: 200,
  },
  listOfficers: {
    method: 'GET',
    path: '/v1/gov/agencies/:agencyId/officers',
    auth: false,
    principal: 'staff',
    params: AgencyParams,
    response: OfficerList,
    status: 200,
  },
} as const;
