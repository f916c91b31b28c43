/** What `verifyLog` found wrong; each kind is a different failure for an operator or a journalist. */
export type LogProblem =
  | 'unreachable'
  | 'log-key'
  | 'checkpoint'
  | 'handover'
  | 'quorum'
  | 'stale'
  | 'rollback'
  | 'fork'
  | 'missing'
  | 'tiles'
  | 'entries'
  | 'chains'
  | 'report';

/** The log does not verify; the message names the problem precisely enough to report it. */
export class LogVerificationError extends Error {
  readonly problem: LogProblem;

  constructor(problem: LogProblem, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LogVerificationError';
    this.problem = problem;
  }
}
