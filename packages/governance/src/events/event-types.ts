import type { PolicyStatus } from '../policy/policy-types.ts';
import type { DataCategoryId } from '../vocabulary/data-catalogue.ts';
import type { InstrumentType } from '../vocabulary/instruments.ts';
import type { JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { ReasonCode } from '../vocabulary/reason-codes.ts';
import type { AuthorityKind, Channel, RequestType } from '../vocabulary/requests.ts';

/** Every kind of request event that goes into the public log. */
export const requestEventKinds = [
  'received',
  'triaged',
  'emergency_verified',
  'gate_passed',
  'held_by_policy',
  'released_from_hold',
  'redirected',
  'rejected',
  'clarification_requested',
  'clarification_answered',
  'narrowed',
  'legal_review_completed',
  'human_rights_review_completed',
  'decision_proposed',
  'decision_signed',
  'notice_sent',
  'notice_deferred',
  'notice_not_given',
  'produced',
  'no_data',
  'account_restricted',
  'challenged',
  'challenge_resolved',
  'preserved',
  'preservation_extended',
  'preservation_consumed',
  'preservation_expired',
  'withdrawn',
  'closed',
] as const;
export type RequestEventKind = (typeof requestEventKinds)[number];

/** Account counts are published in buckets so a single small request cannot be singled out by size. */
export const accountBuckets = ['1', '2', '3', '4', '5', '6-10', '11-50', '51-100', '101+'] as const;
export type AccountBucket = (typeof accountBuckets)[number];

/**
 * The public part of a request event: everything a report needs, nothing that identifies an agency, an
 * officer, a case or a person. `chainId` is an opaque random id per request; `prev` is the hex leaf hash of
 * the previous event of the same request ('' for the first), so dropping or reordering one is detectable.
 */
export type RequestEventPublic = Readonly<{
  v: 1;
  type: 'request';
  kind: RequestEventKind;
  chainId: string;
  seq: number;
  prev: string;
  isoWeek: string;
  jurisdiction: JurisdictionCode;
  authorityKind: AuthorityKind;
  requestType: RequestType;
  legalBasis: InstrumentType;
  channel: Channel;
  decision: string | null;
  reasonCodes: readonly ReasonCode[];
  accountBucket: AccountBucket;
  categories: readonly DataCategoryId[];
  policyStatus: PolicyStatus | null;
}>;

/**
 * Fields the server commits to with keyed commitments (one opening per field) instead of publishing:
 * revealing them would identify an investigation or a person.
 */
export type RequestEventPrivate = Readonly<{
  agencyId: string;
  caseReference: string;
  targets: readonly string[];
  documentSha256: string;
  /** Exact time; the public part carries only the ISO week. */
  at: number;
}>;

export type RequestEvent = Readonly<{ public: RequestEventPublic; private: RequestEventPrivate }>;

/** A policy change is public in full: the status, its scope and rules, and the statement. */
export type PolicyEventPublic = Readonly<{
  v: 1;
  type: 'policy';
  kind: 'policy_changed';
  chainId: string;
  seq: number;
  prev: string;
  isoWeek: string;
  jurisdiction: JurisdictionCode;
  version: number;
  effectiveFrom: number;
  status: PolicyStatus;
  scope: string;
  emergencyRule: string;
  statement: string;
}>;

export type DomainEventPublic = RequestEventPublic | PolicyEventPublic;

/** Where a request's chain stands: the next event's seq and prev. */
export type ChainHead = Readonly<{ chainId: string; seq: number; prev: string }>;
