import {
  AgencyStandingBody,
  AgencyStandingChanged,
  OfficerList,
  TotpReset,
  TotpResetBody,
  TotpResetConfirmed,
  TotpResetList,
  TotpResetParams,
} from './governance-access-schemas.ts';
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
  proposeTotpReset: {
    method: 'POST',
    path: '/v1/gov/totp-resets',
    auth: false,
    principal: 'staff',
    body: TotpResetBody,
    response: TotpReset,
    status: 201,
  },
  listTotpResets: {
    method: 'GET',
    path: '/v1/gov/totp-resets',
    auth: false,
    principal: 'staff',
    response: TotpResetList,
    status: 200,
  },
  confirmTotpReset: {
    method: 'POST',
    path: '/v1/gov/totp-resets/:resetId/confirmation',
    auth: false,
    principal: 'staff',
    params: TotpResetParams,
    response: TotpResetConfirmed,
    status: 200,
  },
  cancelTotpReset: {
    method: 'DELETE',
    path: '/v1/gov/totp-resets/:resetId',
    auth: false,
    principal: 'staff',
    params: TotpResetParams,
    response: TotpReset,
    status: 200,
  },
} as const;
