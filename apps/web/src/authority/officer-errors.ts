import type { ErrorCode } from '@parley/protocol';
import { ParleyApiError } from '@parley/sdk/browser';
import { z } from 'zod';

type Code = ErrorCode | 'network' | 'bad_response';

/** A refused officer call: the protocol's code and details, and a message written for the officer. */
export class OfficerError extends Error {
  override readonly name = 'OfficerError';
  constructor(
    readonly code: Code,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  static from(error: unknown): unknown {
    if (!(error instanceof ParleyApiError)) return error;
    return new OfficerError(error.code, officerText[error.code] ?? error.message, error.details);
  }
}

/** One intake problem as the server reports it; `field` is a path such as `instrument.date` or `targets.0`. */
export type IntakeProblem = Readonly<{ code: string; field: string; message: string }>;

const Problems = z.object({
  problems: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
});

/** The problems of a refused submission, or undefined when the error is something else. */
export function intakeProblems(error: unknown): readonly IntakeProblem[] | undefined {
  if (!isCode(error, 'intake_rejected') || !(error instanceof OfficerError)) return undefined;
  const parsed = Problems.safeParse(error.details);
  return parsed.success ? parsed.data.problems : [];
}

export function isCode(error: unknown, code: Code): boolean {
  return (error instanceof OfficerError || error instanceof ParleyApiError) && error.code === code;
}

/** What an officer should read for the refusals they can meet; other errors keep the server's message. */
const officerText: Partial<Record<Code, string>> = {
  invalid_credentials:
    'The e-mail address, password or authenticator code is wrong, or that code was already used. Wait for the next code and try again.',
  agency_not_approved:
    'Your agency is not approved on Parley, so its officers cannot sign in or submit requests. Parley approves an agency only after a second staff member has verified it.',
  agency_suspended:
    'Your agency’s approval on Parley is suspended, so its officers cannot sign in, submit or act on requests. Parley’s policy team has recorded why; contact them through your agency’s usual channel.',
  agency_withdrawn:
    'Your agency’s approval on Parley has been withdrawn, so its officers can no longer sign in. An agency can only be registered and approved again from the start.',
  account_disabled:
    'Your officer account has been disabled by Parley’s policy team. Contact them through your agency’s usual channel.',
  unauthenticated: 'Your session has ended. Sign in again to continue.',
  rate_limited: 'Too many attempts. Wait a minute, then try again.',
  not_found: 'No request with this reference belongs to your agency.',
  intake_rejected: 'The request was not accepted. Correct the fields marked below; nothing was stored.',
  production_not_logged:
    'Not released yet: the “produced” event is not yet covered by a signed checkpoint of Parley’s public log. Try again after the next checkpoint.',
  production_unavailable: 'No production package is available for this request, or it has expired.',
  invalid_transition: 'That is no longer possible in the request’s current state. Reload to see it.',
  network: 'Parley could not be reached. Check the connection and try again.',
};
