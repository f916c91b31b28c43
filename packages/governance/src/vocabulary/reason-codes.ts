/**
 * Reason codes carried by decisions and published in reports. Stable strings: reports from different years
 * must stay comparable, so codes are only ever added.
 */
export const reasonCodes = [
  'valid_legal_process',
  'emergency_verified',
  'no_valid_legal_basis',
  'instrument_insufficient_for_tier',
  'overbroad_or_vague',
  'missing_date_range',
  'requester_not_verified',
  'emergency_verification_failed',
  'identifier_not_unique',
  'no_account_found',
  'data_not_held',
  'content_e2ee',
  'not_technically_possible',
  'treaty_route_required',
  'jurisdiction_paused',
  'jurisdiction_suspended',
  'jurisdiction_exited',
  'request_type_not_accepted',
  'emergency_not_accepted',
  'preservation_not_allowed',
  'human_rights_risk',
  'political_or_speech_offence',
  'suspected_proxy_demand',
  'narrowed_by_agreement',
  'challenged_and_quashed',
  'withdrawn',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export function isReasonCode(value: string): value is ReasonCode {
  return reasonCodes.some((code) => code === value);
}
