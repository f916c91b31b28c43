import type { ReasonCode } from '@parley/sdk';

/**
 * Reason codes a reviewer may give, in plain words. The codes are the governance domain's (stable, only ever
 * added, published in reports); the server refuses any it does not know.
 */
export const reasonCodeLabels = {
  valid_legal_process: 'Valid legal process',
  emergency_verified: 'Emergency verified by call-back',
  no_valid_legal_basis: 'No valid legal basis',
  instrument_insufficient_for_tier: 'Instrument insufficient for the data tier',
  overbroad_or_vague: 'Overbroad or vague',
  missing_date_range: 'Missing date range',
  requester_not_verified: 'Requester not verified',
  identifier_not_unique: 'Identifier not unique',
  no_account_found: 'No account found',
  data_not_held: 'Data not held',
  content_e2ee: 'Content is end-to-end encrypted',
  not_technically_possible: 'Not technically possible',
  treaty_route_required: 'Treaty route required',
  human_rights_risk: 'Human-rights risk',
  political_or_speech_offence: 'Political or speech offence',
  suspected_proxy_demand: 'Suspected proxy demand',
  narrowed_by_agreement: 'Narrowed by agreement',
} as const satisfies Partial<Record<ReasonCode, string>>;

const labels: Readonly<Record<string, string>> = reasonCodeLabels;

export const outcomeLabels = {
  disclose: 'Disclose',
  reject: 'Reject',
  no_data: 'No data',
  preserve: 'Preserve',
  restrict_account: 'Restrict the account',
} as const;
export type Outcome = keyof typeof outcomeLabels;

export function reasonLabel(code: string): string {
  return labels[code] ?? code.replaceAll('_', ' ');
}
