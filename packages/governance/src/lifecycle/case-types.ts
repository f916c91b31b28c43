import type { ChainHead } from '../events/event-types.ts';
import type { GateDecision } from '../gate/jurisdiction-gate.ts';
import type { Submission } from '../intake/submission.ts';
import type { IntakeFlag } from '../intake/validate-submission.ts';
import type { DataCategoryId } from '../vocabulary/data-catalogue.ts';
import type { JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { ReasonCode } from '../vocabulary/reason-codes.ts';
import type { AuthorityKind, Channel } from '../vocabulary/requests.ts';

/** Every state a request can be in. The transition table in `transitions.ts` is the only way between them. */
export const caseStates = [
  'received',
  'triage',
  'emergency_verification',
  'gate',
  'legal_review',
  'clarification',
  'human_rights_review',
  'decision',
  'notice',
  'notice_deferred',
  'production',
  'closed',
  'held_by_policy',
  'redirected',
  'rejected',
  'no_data',
  'withdrawn',
  'challenged',
  'preserved',
  'preservation_extended',
  'preservation_consumed',
  'preservation_expired',
] as const;
export type CaseState = (typeof caseStates)[number];

/** States nothing leaves (except a deferred notice falling due, which changes no state). */
export const terminalStates: readonly CaseState[] = [
  'closed',
  'redirected',
  'rejected',
  'no_data',
  'withdrawn',
  'preservation_consumed',
  'preservation_expired',
];

/** The requesting agency as the registry knows it; the call-back number never comes from a request. */
export type AgencyRecord = Readonly<{
  id: string;
  kind: AuthorityKind;
  jurisdiction: JurisdictionCode;
  registeredCallbackNumber: string;
}>;

export type Stamp = Readonly<{ by: string; at: number }>;

export type DecisionOutcome = 'disclose' | 'reject' | 'no_data' | 'preserve' | 'restrict_account';

export type DecisionProposal = Readonly<{
  outcome: DecisionOutcome;
  reasonCodes: readonly ReasonCode[];
  categories: readonly DataCategoryId[];
  /** Set when notice will not be given although no order forbids it; published as "not given". */
  noticeException: string | null;
  proposedBy: string;
  proposedAt: number;
}>;

/** A decision with both signatures and the gate as it stood when the second one was given. */
export type SignedDecision = DecisionProposal &
  Readonly<{ countersignedBy: string; countersignedAt: number; gate: GateDecision }>;

export type NoticeRecord = Readonly<{
  status: 'sent' | 'deferred' | 'not_given';
  sentAt: number | null;
  /** For a deferred notice: the end of the non-disclosure order, when it falls due. */
  dueAt: number | null;
  objectionWindowEndsAt: number | null;
  exceptionReason: string | null;
}>;

export type ProductionRecord = Readonly<{
  by: string;
  at: number;
  categories: readonly DataCategoryId[];
  dateRange: Readonly<{ from: string; to: string }>;
}>;

export type PreservationRecord = Readonly<{ preservedAt: number; expiresAt: number; extended: boolean }>;

export type Clarification = Readonly<{
  question: string;
  askedBy: string;
  askedAt: number;
  answer: string | null;
  answeredAt: number | null;
}>;

/** One line of the case's audit trail: every transition, who made it, when. */
export type TransitionRecord = Readonly<{
  action: string;
  from: CaseState;
  to: CaseState;
  actor: string;
  at: number;
}>;

/**
 * A government request as the domain sees it. Plain readonly data: the server stores it as it likes and hands
 * it back to `apply`. `reference` is private; `chain.chainId` is the opaque public id.
 */
export type RequestCase = Readonly<{
  reference: string;
  receivedAt: number;
  agency: AgencyRecord;
  officerId: string;
  channel: Channel;
  submission: Submission;
  /** The categories still asked for, after any narrowing by agreement. */
  categories: readonly DataCategoryId[];
  dateRange: Readonly<{ from: string; to: string }>;
  /** Each target's declared jurisdiction as the server knows it, or null. */
  targetJurisdictions: readonly (JurisdictionCode | null)[];
  flags: readonly IntakeFlag[];
  state: CaseState;
  gate: GateDecision;
  heldSince: number | null;
  callback: (Stamp & Readonly<{ numberDialed: string; confirmed: boolean }>) | null;
  followUpLegalProcessRequested: boolean;
  clarifications: readonly Clarification[];
  legalReview: (Stamp & Readonly<{ notes: string }>) | null;
  humanRightsReview: (Stamp & Readonly<{ cleared: boolean; notes: string }>) | null;
  proposal: DecisionProposal | null;
  decision: SignedDecision | null;
  notice: NoticeRecord | null;
  production: ProductionRecord | null;
  preservation: PreservationRecord | null;
  deadlineAt: number | null;
  history: readonly TransitionRecord[];
  chain: ChainHead;
}>;
