import { staffRoles } from '@parley/protocol';

/** Staff roles. Each gets only the rights its job needs; the matrix below is the single source of truth. */
export { staffRoles };
export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  'read_cases',
  'triage',
  'verify_emergency',
  'run_gate',
  'review_legal',
  'request_clarification',
  'review_human_rights',
  'propose_decision',
  'countersign_decision',
  'produce',
  'manage_notices',
  'manage_preservation',
  'challenge',
  'close_case',
  'propose_policy',
  'sign_off_policy',
  'resume_held',
  'manage_staff',
  'manage_agencies',
  'read_audit',
  'publish_report',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Who may do what. Intake never decides; reviewers never set policy; policy admins never touch cases except
 * to release held ones; auditors only read. A human-rights lead can countersign so a flagged decision gets
 * a second view from outside legal.
 */
export const permissionMatrix: Readonly<Record<StaffRole, readonly Permission[]>> = {
  intake: ['read_cases', 'triage', 'verify_emergency', 'run_gate', 'close_case'],
  legal_reviewer: [
    'read_cases',
    'run_gate',
    'review_legal',
    'request_clarification',
    'propose_decision',
    'countersign_decision',
    'produce',
    'manage_notices',
    'manage_preservation',
    'challenge',
  ],
  human_rights_lead: [
    'read_cases',
    'review_human_rights',
    'countersign_decision',
    'challenge',
    'sign_off_policy',
  ],
  policy_admin: [
    'propose_policy',
    'sign_off_policy',
    'resume_held',
    'manage_staff',
    'manage_agencies',
    'publish_report',
  ],
  auditor: ['read_cases', 'read_audit'],
};

/** Whether any of `roles` grants `permission`. */
export function hasPermission(roles: readonly StaffRole[], permission: Permission): boolean {
  return roles.some((role) => permissionMatrix[role].includes(permission));
}
