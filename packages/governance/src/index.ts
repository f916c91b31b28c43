export { type Actor, actorLabel, type OfficerActor, type StaffActor, type SystemActor } from './actors.ts';
export { deadlineFor, isOverdue, overdueCases } from './deadlines/deadlines.ts';
export {
  commitPrivate,
  fromHex,
  openField,
  sealCommitment,
  verifyOpening,
} from './disclosure/commitments.ts';
export { policyEventLeaf, requestEventLeaf, revealLeaf, sealedLeaf } from './disclosure/leaf-builders.ts';
export { decodeLeaf, encodeLeaf, LeafFormatError } from './disclosure/leaf-codec.ts';
export {
  type CommittedField,
  committedFields,
  type DisclosureLeaf,
  type EventLeaf,
  type FieldCommitments,
  type FieldOpening,
  LEAF_TAG,
  type ReportLeaf,
  type RevealLeaf,
  type SealedLeaf,
} from './disclosure/leaf-types.ts';
export {
  analyseLog,
  LogAnalyser,
  type LogAnalysis,
  type LoggedEvent,
  type PendingSeal,
} from './disclosure/log-analysis.ts';
export { sealedUntil } from './disclosure/seal-policy.ts';
export { GovernanceError, GuardError, InvalidTransitionError, PolicyError } from './errors.ts';
export {
  canonicalJson,
  EVENT_ENCODING_TAG,
  encodePublicEvent,
  publicEventHash,
  toHex,
} from './events/canonical.ts';
export {
  type AccountBucket,
  accountBuckets,
  type ChainHead,
  type DomainEventPublic,
  type PolicyEventPublic,
  type RequestEvent,
  type RequestEventKind,
  type RequestEventPrivate,
  type RequestEventPublic,
  requestEventKinds,
} from './events/event-types.ts';
export {
  accountBucket,
  bucketBounds,
  newChain,
  nextRequestEvent,
  policyChangedEvent,
} from './events/request-events.ts';
export {
  type AppliedPolicy,
  applicablePolicies,
  evaluateGate,
  type GateDecision,
  type GateInput,
  type GateOutcome,
} from './gate/jurisdiction-gate.ts';
export { type Submission, type SubmissionTarget, submissionSchema } from './intake/submission.ts';
export {
  flagsFor,
  type IntakeFlag,
  type IntakeProblem,
  type IntakeResult,
  validateSubmission,
} from './intake/validate-submission.ts';
export type { Action, ActionType } from './lifecycle/actions.ts';
export { apply } from './lifecycle/apply.ts';
export {
  type AgencyRecord,
  type CaseState,
  caseStates,
  type DecisionOutcome,
  type DecisionProposal,
  type NoticeRecord,
  type RequestCase,
  type SignedDecision,
  type TransitionRecord,
  terminalStates,
} from './lifecycle/case-types.ts';
export { PRESERVATION_DAYS } from './lifecycle/decision-steps.ts';
export {
  type Acknowledgement,
  acknowledge,
  type ReceiveInput,
  type ReceiveResult,
  receiveRequest,
} from './lifecycle/receive.ts';
export { casesToResume } from './lifecycle/resume-order.ts';
export type { Transition } from './lifecycle/step.ts';
export { type ActorRule, type TransitionRule, transitions } from './lifecycle/transitions.ts';
export { isNoticeDue, nonDisclosureEnd, OBJECTION_WINDOW_DAYS, planNotice } from './notices/notice-plan.ts';
export {
  type PendingPolicyChange,
  proposePolicyChange,
  signOffPolicyChange,
} from './policy/policy-change.ts';
export { governingPolicy, instrumentCeiling, policyAt } from './policy/policy-history.ts';
export { policyImportSchema, proposeHistoricalPolicy } from './policy/policy-import.ts';
export { checkHistoricalPlacement, type RecordedHistory } from './policy/policy-placement.ts';
export { assessmentSchema, type PolicyProposal, policyProposalSchema } from './policy/policy-schema.ts';
export {
  type DueDiligenceAssessment,
  defaultFramework,
  type EmergencyRule,
  emergencyRules,
  type HistoricalRecord,
  type JurisdictionPolicy,
  type LegalFramework,
  type PolicyScope,
  type PolicyStatus,
  policyScopes,
  policyStatuses,
} from './policy/policy-types.ts';
export {
  type Claim,
  type ClaimResult,
  ClaimSyntaxError,
  type ClaimVerdict,
  evaluateClaim,
  parseClaim,
} from './report/claims/claims.ts';
export { buildReport, type PublishedReport, reportNoteText, sha256Hex } from './report/publication.ts';
export { checkReport, type PublishedDocuments } from './report/report-check.ts';
export { barredFromReporting, type ReportRow, type TransparencyReport } from './report/report-types.ts';
export { type ReportBinding, reportColumns, reportToCsv, reportToJson } from './report/serialize.ts';
export { computeReport, weekThursday } from './report/transparency-report.ts';
export { DAY, dayOf, dayStart, HOUR, halfYearBounds, halfYearOf, isoWeek } from './time/calendar.ts';
export {
  categoryById,
  type DataCategory,
  type DataCategoryId,
  type DataTier,
  dataCatalogue,
  dataTiers,
  isDataCategoryId,
  isProducible,
  tierWithin,
} from './vocabulary/data-catalogue.ts';
export { type InstrumentType, instrumentDefaults, instrumentTypes } from './vocabulary/instruments.ts';
export {
  countries,
  countryOf,
  isJurisdictionCode,
  type JurisdictionCode,
  jurisdictionName,
} from './vocabulary/jurisdictions.ts';
export { type ReasonCode, reasonCodes } from './vocabulary/reason-codes.ts';
export {
  type AuthorityKind,
  authorityKinds,
  type Channel,
  channels,
  type RequestType,
  requestTypes,
} from './vocabulary/requests.ts';
export {
  hasPermission,
  type Permission,
  permissionMatrix,
  permissions,
  type StaffRole,
  staffRoles,
} from './vocabulary/staff-roles.ts';
