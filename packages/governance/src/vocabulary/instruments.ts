import type { DataTier } from './data-catalogue.ts';

/**
 * Generic legal instrument types with the highest tier each may compel by default. A jurisdiction's legal
 * framework maps its own instruments onto these and may lower (never raise) a ceiling. `null` compels no
 * disclosure at all (a preservation letter only freezes data).
 */
export const instrumentDefaults = {
  subpoena: 'basic_subscriber',
  administrative_request: 'basic_subscriber',
  national_security_letter: 'basic_subscriber',
  records_court_order: 'non_content_records',
  emergency_request: 'non_content_records',
  search_warrant: 'content',
  production_order: 'content',
  interception_order: 'content',
  mlat_request: 'content',
  civil_court_order: 'basic_subscriber',
  preservation_letter: null,
} as const satisfies Record<string, DataTier | null>;

export type InstrumentType = keyof typeof instrumentDefaults;
export const instrumentTypes = Object.keys(instrumentDefaults).filter(isInstrumentType);

export function isInstrumentType(value: string): value is InstrumentType {
  return Object.hasOwn(instrumentDefaults, value);
}
