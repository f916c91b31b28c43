import { type CaseState, type InstrumentType, type RequestType, terminalStates } from '@parley/sdk';

/**
 * Labels for the governance domain's vocabulary (through the sdk): keyed by the domain's types, so a new
 * value cannot go unlabelled without the build failing.
 */
export const requestTypeLabels: Readonly<Record<RequestType, string>> = {
  legal_process: 'Legal process (stored records)',
  preservation: 'Preservation (freeze records for 90 days)',
  emergency_disclosure: 'Emergency disclosure (imminent danger of death or serious injury)',
  account_restriction: 'Account restriction',
  real_time_interception: 'Real-time interception',
  national_security: 'National security',
  private_party: 'Private party (civil litigation)',
};

export const instrumentTypeLabels: Readonly<Record<InstrumentType, string>> = {
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

export const stateLabels: Readonly<Record<CaseState, string>> = {
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

/** States nothing leaves: no withdrawal, no further steps (the domain's terminal states). */
export const finalStates: ReadonlySet<string> = new Set(terminalStates);

const labels: Readonly<Record<string, string>> = stateLabels;

const requestLabels: Readonly<Record<string, string>> = requestTypeLabels;

/** A request type in words (the raw value for one this build does not know). */
export function requestTypeLabel(type: string): string {
  return requestLabels[type] ?? type;
}

export function stateLabel(state: string): string {
  return labels[state] ?? state.replaceAll('_', ' ');
}

export function isOpenState(state: string): boolean {
  return !finalStates.has(state);
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp for people; the ISO form goes in `<time datetime>`. */
export function formatTime(iso: string): string {
  return when.format(new Date(iso));
}
