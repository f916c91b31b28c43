export type { KeyEra } from './key-handover.ts';
export {
  type AuditKeyDirectoryOptions,
  auditKeyDirectory,
  KtAuditError,
  type KtAuditProblem,
  type KtAuditResult,
} from './kt-audit.ts';
export { type KtAuditState, type KtAuditStateStore, parseKtAuditState } from './kt-audit-state.ts';
export {
  type AuditLogOptions,
  auditLog,
  type Claim,
  type ClaimResult,
  ClaimSyntaxError,
  type LogAudit,
  parseClaim,
  type VerifiedReport,
} from './log-audit.ts';
export { type FetchFn, httpLogFetcher, type LogFetcher } from './log-fetcher.ts';
export { type LogProblem, LogVerificationError } from './log-verification-error.ts';
export { type LogVerification, type VerifyLogOptions, verifyLog } from './log-verifier.ts';
export { parseVerifierState, type VerifierState, type VerifierStateStore } from './verifier-state.ts';
export {
  Witness,
  type WitnessedLog,
  type WitnessRecord,
  type WitnessResponse,
  type WitnessStateStore,
} from './witness.ts';
