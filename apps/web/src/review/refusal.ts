import type { ErrorCode } from '@parley/protocol';
import { ParleyApiError } from '@parley/sdk/browser';

/** A server refusal put in a reviewer's words, with the server's own message kept for the record. */
export type Refusal = Readonly<{ title: string; explanation: string; serverMessage: string }>;

const titles: Partial<Record<ErrorCode, string>> = {
  forbidden_role: 'Your role does not allow this',
  self_approval: 'The second signature must come from another staff member',
  invalid_transition: 'Not possible in this state',
  guard_failed: 'A rule of the request lifecycle refused this',
  policy_rejected: 'The policy change was refused',
  policy_history_conflict: 'The historical version does not fit the record',
  invalid_credentials: 'Sign-in refused',
  rate_limited: 'Too many attempts',
  agency_withdrawn: 'The agency’s approval was withdrawn for good',
  invalid_standing_change: 'Not possible in the agency’s standing',
  own_totp_reset: 'Not for your own authenticator',
  totp_reset_pending: 'A reset is already waiting',
  totp_reset_closed: 'This reset is no longer pending',
};

/** Guards whose meaning a reviewer needs spelled out; the rest are explained by the server's message. */
const guards: Readonly<Record<string, string>> = {
  case_held_by_policy:
    'The request is held by a jurisdiction policy: it is recorded, acknowledged and counted, but nobody may review it or produce data while the policy holds. A policy admin can resume it once a signed policy lets it through.',
  gate_passed_now: 'The jurisdiction gate no longer lets this request through.',
  objection_window_over: 'The member’s objection window has not closed yet.',
  reason_codes_required: 'A decision needs at least one reason code.',
  beyond_instrument_tier: 'A category asked for is beyond what the legal instrument can compel.',
};

function field(details: unknown, name: string): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value: unknown = Reflect.get(details, name);
  return typeof value === 'string' ? value : undefined;
}

/** Turns any error from the staff API into a refusal to show; other errors keep their message. */
export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ParleyApiError))
    return { title: 'Something went wrong', explanation: '', serverMessage: String(error) };
  const guard = field(error.details, 'guard');
  const state = field(error.details, 'state');
  const explanation =
    error.code === 'self_approval'
      ? 'You gave the first signature; two different people must sign, so ask another staff member for the second.'
      : error.code === 'forbidden_role'
        ? `Your staff roles do not include the right ${field(error.details, 'permission') ?? 'for this action'}.`
        : ((guard === undefined ? undefined : guards[guard]) ??
          (state === undefined ? '' : `The case is in state “${state.replaceAll('_', ' ')}”.`));
  return {
    title:
      titles[error.code === 'network' || error.code === 'bad_response' ? 'internal' : error.code] ??
      'Refused',
    explanation,
    serverMessage: error.message,
  };
}
