import { emergencyRules, policyScopes, policyStatuses } from '@parley/protocol';
import type { DataCategoryId, DataTier } from '../vocabulary/data-catalogue.ts';
import type { InstrumentType } from '../vocabulary/instruments.ts';
import type { JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { Channel, RequestType } from '../vocabulary/requests.ts';

/** The statuses, scopes and emergency rules are defined with the API's vocabulary (`@parley/protocol`). */
export { emergencyRules, policyScopes, policyStatuses };
export type PolicyStatus = (typeof policyStatuses)[number];

export type PolicyScope = (typeof policyScopes)[number];

export type EmergencyRule = (typeof emergencyRules)[number];

/** The written, dated human-rights due diligence every non-ACCEPT status rests on. */
export type DueDiligenceAssessment = Readonly<{
  trigger: string;
  triggerDate: string;
  effectOnPrivacyAndExpression: string;
  effectOnProducts: string;
  affectedGroups: readonly string[];
  expertsConsulted: readonly string[];
  mitigations: readonly string[];
  recommendation: string;
  seniorSignOff: Readonly<{ name: string; title: string; date: string }>;
  nextReviewDate: string;
}>;

/** A local instrument mapped to a generic type, with the tier it may compel there. */
export type FrameworkInstrument = Readonly<{
  type: InstrumentType;
  localName: string;
  maxTier: DataTier | null;
}>;

/** Mandatory response deadlines, in hours from receipt. */
export type FrameworkDeadline = Readonly<{
  instrument: InstrumentType | 'any';
  hours: number;
  emergencyHours: number | null;
  source: string;
}>;

/** How long the law lets an authority gag Parley from telling the user. */
export type NonDisclosureRegime = Readonly<{ maxDays: number | null; extendable: boolean; source: string }>;

export type LegalFramework = Readonly<{
  instruments: readonly FrameworkInstrument[];
  deadlines: readonly FrameworkDeadline[];
  nonDisclosure: NonDisclosureRegime | null;
  channels: readonly Channel[];
}>;

/** What ACCEPT_RESTRICTED still lets through. */
export type Restriction = Readonly<{
  requestTypes: readonly RequestType[];
  categories: readonly DataCategoryId[];
}>;

/** One version of one jurisdiction's policy; versions are append-only and take effect at `effectiveFrom`. */
export type JurisdictionPolicy = Readonly<{
  jurisdiction: JurisdictionCode;
  version: number;
  /** Epoch milliseconds. */
  effectiveFrom: number;
  status: PolicyStatus;
  scope: PolicyScope;
  emergencyRule: EmergencyRule;
  /** Whether preservation is honoured while this status holds; null means the default (no, unless ACCEPT*). */
  preservationAllowed: boolean | null;
  restriction: Restriction | null;
  /** Offence classifications (lower-case keywords) that send a request to human-rights review. */
  offenceDenylist: readonly string[];
  framework: LegalFramework;
  assessment: DueDiligenceAssessment | null;
  /** Shown to officers when held or redirected, and published in reports. */
  statement: string;
  /** For REDIRECT_MLAT: where to send the request instead. */
  treatyNotice: string | null;
  proposedBy: string;
  signedOffBy: string;
  /** Present when the version was recorded after it took effect (an imported history): why, and when. */
  historical?: HistoricalRecord;
}>;

/** How a historical version came to be recorded: its provenance, and when it was signed off here. */
export type HistoricalRecord = Readonly<{ provenance: string; recordedAt: number }>;

/** The framework used for a jurisdiction with no policy on record: generic instrument ceilings, no deadlines. */
export const defaultFramework: LegalFramework = {
  instruments: [],
  deadlines: [],
  nonDisclosure: null,
  channels: ['direct'],
};
