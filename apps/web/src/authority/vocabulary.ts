/**
 * Labels for the governance domain's vocabulary, which the web app may not import (it talks to the server
 * through the sdk and protocol only). The keys are the domain's values; the browser test checks they match
 * `requestTypes` and `instrumentTypes` of `@parley/governance`, so a new value cannot go unlabelled.
 */
export const requestTypeLabels: Readonly<Record<string, string>> = {
  legal_process: 'Legal process (stored records)',
  preservation: 'Preservation (freeze records for 90 days)',
  emergency_disclosure: 'Emergency disclosure (imminent danger of death or serious injury)',
  account_restriction: 'Account restriction',
  real_time_interception: 'Real-time interception',
  national_security: 'National security',
  private_party: 'Private party (civil litigation)',
};

export const instrumentTypeLabels: Readonly<Record<string, string>> = {
  subpoena: 'Subpoena',
  administrative_request: 'Administrative request',
  national_security_letter: 'National security letter',
  records_court_order: 'Court order for records (e.g. 18 U.S.C. § 2703(d))',
  emergency_request: 'Emergency request',
  search_warrant: 'Search warrant',
  production_order: 'Production order',
  interception_order: 'Interception order',
  mlat_request: 'Mutual legal assistance treaty request',
  civil_court_order: 'Civil court order',
  preservation_letter: 'Preservation letter',
};

export const stateLabels: Readonly<Record<string, string>> = {
  received: 'Received',
  triage: 'In triage',
  emergency_verification: 'Emergency call-back pending',
  gate: 'Jurisdiction check',
  legal_review: 'In legal review',
  clarification: 'Clarification requested',
  human_rights_review: 'In human-rights review',
  decision: 'Awaiting decision',
  notice: 'Decided; user notified',
  notice_deferred: 'Decided; notice deferred by order',
  production: 'Produced',
  closed: 'Closed',
  held_by_policy: 'Held by policy (not processed)',
  redirected: 'Redirected to the treaty route',
  rejected: 'Rejected',
  no_data: 'No data found',
  withdrawn: 'Withdrawn',
  challenged: 'Decision challenged',
  preserved: 'Preserved',
  preservation_extended: 'Preservation extended',
  preservation_consumed: 'Preservation used by legal process',
  preservation_expired: 'Preservation expired',
};

/** States nothing leaves: no withdrawal, no further steps. */
export const finalStates: ReadonlySet<string> = new Set([
  'closed',
  'redirected',
  'rejected',
  'no_data',
  'withdrawn',
  'preservation_consumed',
  'preservation_expired',
]);

export function stateLabel(state: string): string {
  return stateLabels[state] ?? state.replaceAll('_', ' ');
}

export function isOpenState(state: string): boolean {
  return !finalStates.has(state);
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp for people; the ISO form goes in `<time datetime>`. */
export function formatTime(iso: string): string {
  return when.format(new Date(iso));
}
