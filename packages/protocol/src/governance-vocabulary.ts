/**
 * The governance vocabulary both the API and the domain use: defined once here, as lists, so the wire
 * schemas (zod enums built from them) and the domain's types (`packages/governance` re-exports them) cannot
 * drift apart. Enumerations only the domain gives meaning to (data categories, reason codes, instrument
 * types) stay in the domain and travel as strings.
 */

/** Staff roles; what each may do is the domain's permission matrix (`packages/governance`). */
export const staffRoles = [
  'intake',
  'legal_reviewer',
  'human_rights_lead',
  'policy_admin',
  'auditor',
] as const;

/** Kinds of requesting authority. A regulator or intelligence agency is counted apart from the police. */
export const authorityKinds = [
  'police',
  'prosecutor',
  'court',
  'regulator',
  'intelligence',
  'other',
] as const;

/**
 * ACCEPT · ACCEPT_RESTRICTED (only listed types/categories) · PAUSED (receive, acknowledge, count; no review,
 * no data) · REDIRECT_MLAT (refused, pointing at the treaty route) · SUSPENDED (refused) · EXITED (no service).
 */
export const policyStatuses = [
  'ACCEPT',
  'ACCEPT_RESTRICTED',
  'PAUSED',
  'REDIRECT_MLAT',
  'SUSPENDED',
  'EXITED',
] as const;

/** Whether a policy governs requests issued by the jurisdiction's authorities, about users located there, or both. */
export const policyScopes = ['issuer', 'target', 'both'] as const;

export const emergencyRules = ['allow', 'case_by_case', 'deny'] as const;
