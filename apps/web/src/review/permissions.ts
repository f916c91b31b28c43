import type { StaffRole } from './staff-session.ts';

/**
 * The rights each staff role has (docs/governance.md, "Roles and rights"), used only to decide what the
 * console offers. The server checks every call again and its refusal is what counts.
 */
export const roleRights = {
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
} as const satisfies Record<StaffRole, readonly string[]>;

export type Right = (typeof roleRights)[StaffRole][number];

/** Whether any of the roles carries the right. */
export function can(roles: readonly StaffRole[], right: Right): boolean {
  return roles.some((role) => roleRights[role].some((r) => r === right));
}

export const roleLabels: Readonly<Record<StaffRole, string>> = {
  intake: 'Intake',
  legal_reviewer: 'Legal reviewer',
  human_rights_lead: 'Human-rights lead',
  policy_admin: 'Policy admin',
  auditor: 'Auditor',
};
