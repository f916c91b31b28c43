import type { ClaimResult, LogAudit, LogProblem, VerifiedReport, VerifierState } from '@parley/sdk';

type LoggedEvent = LogAudit['analysis']['events'][number];
/** A policy version as the log publishes it (public in full). */
export type PolicyRecord = Extract<LoggedEvent, { type: 'policy' }>;

/** The page asks the worker to audit the log from `previous` (if any), answering these claims. */
export type AuditRequest = Readonly<{
  origin: string;
  previous: VerifierState | undefined;
  claims: string[];
}>;

/** What the worker found: only cloneable data crosses back to the page. */
export type AuditSummary = Readonly<{
  origin: string;
  size: number;
  rootHash: string;
  state: VerifierState;
  /** Each report recomputed and found exact, with the document hashes its leaf binds. */
  reports: readonly (VerifiedReport & Readonly<{ jsonSha256: string; csvSha256: string }>)[];
  claims: readonly ClaimResult[];
  policies: readonly PolicyRecord[];
  requestEvents: number;
  pendingSeals: number;
}>;

export type AuditMessage =
  | Readonly<{ type: 'progress'; entries: number; size: number | undefined }>
  | Readonly<{ type: 'done'; summary: AuditSummary }>
  | Readonly<{ type: 'failed'; problem: LogProblem | 'error'; message: string }>;

/** Narrows a policy or request event to a policy version. */
export const isPolicy = (event: LoggedEvent): event is PolicyRecord => event.type === 'policy';
