import { z } from 'zod';
import { AuditPage, AuditQuery, AuditVerification } from './governance-case-schemas.ts';
import {
  Agency,
  AgencyList,
  AgencyParams,
  CreateAgencyBody,
  CreateOfficerBody,
  CreateStaffBody,
  GovSession,
  OfficerCreated,
  OfficerLoginBody,
  StaffCreated,
  StaffList,
  StaffLoginBody,
} from './governance-schemas.ts';

/**
 * Who a staff/officer route is for. These routes have `auth: false` (no member session) and a `principal`:
 * the bearer token must be a staff or officer session, separate from member sessions.
 */
export type GovPrincipalKind = 'staff' | 'officer' | 'staff_or_officer';

const Empty = z.strictObject({});

/** The staff and officer API (government requests), plus the member's notices and the OpenAPI document. */
export const governanceRoutes = {
  staffLogin: {
    method: 'POST',
    path: '/v1/gov/staff/session',
    auth: false,
    body: StaffLoginBody,
    response: GovSession,
    status: 201,
  },
  officerLogin: {
    method: 'POST',
    path: '/v1/gov/officer/session',
    auth: false,
    body: OfficerLoginBody,
    response: GovSession,
    status: 201,
  },
  govLogout: {
    method: 'DELETE',
    path: '/v1/gov/session',
    auth: false,
    principal: 'staff_or_officer',
    response: Empty,
    status: 200,
  },
  createStaff: {
    method: 'POST',
    path: '/v1/gov/staff',
    auth: false,
    principal: 'staff',
    body: CreateStaffBody,
    response: StaffCreated,
    status: 201,
  },
  listStaff: {
    method: 'GET',
    path: '/v1/gov/staff',
    auth: false,
    principal: 'staff',
    response: StaffList,
    status: 200,
  },
  createAgency: {
    method: 'POST',
    path: '/v1/gov/agencies',
    auth: false,
    principal: 'staff',
    body: CreateAgencyBody,
    response: Agency,
    status: 201,
  },
  listAgencies: {
    method: 'GET',
    path: '/v1/gov/agencies',
    auth: false,
    principal: 'staff',
    response: AgencyList,
    status: 200,
  },
  approveAgency: {
    method: 'POST',
    path: '/v1/gov/agencies/:agencyId/approval',
    auth: false,
    principal: 'staff',
    params: AgencyParams,
    response: Agency,
    status: 200,
  },
  createOfficer: {
    method: 'POST',
    path: '/v1/gov/agencies/:agencyId/officers',
    auth: false,
    principal: 'staff',
    params: AgencyParams,
    body: CreateOfficerBody,
    response: OfficerCreated,
    status: 201,
  },
  readAudit: {
    method: 'GET',
    path: '/v1/gov/audit',
    auth: false,
    principal: 'staff',
    query: AuditQuery,
    response: AuditPage,
    status: 200,
  },
  verifyAudit: {
    method: 'GET',
    path: '/v1/gov/audit/verification',
    auth: false,
    principal: 'staff',
    response: AuditVerification,
    status: 200,
  },
} as const;
