/**
 * Every error the server can return. The code is stable and machine-readable; the message is the default
 * human text. HTTP responses carry `{ error: { code, message, details? } }`; WebSocket error frames carry the
 * same fields.
 */
export const errorCodes = {
  malformed_request: { status: 400, message: 'The request body is not valid JSON.' },
  validation_failed: { status: 400, message: 'The request does not match the expected schema.' },
  payload_too_large: { status: 413, message: 'The request is larger than the documented limit.' },
  unauthenticated: { status: 401, message: 'A valid session token is required.' },
  forbidden: { status: 403, message: 'This device may not perform this action.' },
  not_found: { status: 404, message: 'No such resource.' },
  not_ready: {
    status: 503,
    message: 'A dependency of the server (database or fan-out) is not answering; the details name it.',
  },
  rate_limited: { status: 429, message: 'Too many requests; slow down and retry later.' },
  server_busy: { status: 503, message: 'The server is at its connection limit; retry later.' },
  database_unavailable: {
    status: 503,
    message:
      'The server cannot reach its database just now; retry after the time given (a send retried with the same id is stored once).',
  },
  storage_full: {
    status: 503,
    message: 'The server’s storage is full, so nothing was saved; retry after the time given.',
  },
  internal: { status: 500, message: 'Internal error.' },

  directory_not_published: {
    status: 503,
    message: 'The key directory has not published an epoch yet; retry after the next epoch.',
  },
  not_in_directory: {
    status: 404,
    message: 'The key directory holds no entry for that name and none is waiting for the next epoch.',
  },
  epoch_not_published: {
    status: 404,
    message:
      'The key directory has not published that many epochs; ask for a size no larger than its checkpoint’s.',
  },
  epoch_outside_log: {
    status: 400,
    message: 'The epoch asked for is not in an epoch log of the size given (epochs are numbered from 0).',
  },
  username_taken: { status: 409, message: 'That username is already registered.' },
  invalid_username: {
    status: 400,
    message: 'Usernames are 3-32 characters: a-z, 0-9, _ . - and start with a letter.',
  },
  invalid_signature: { status: 401, message: 'The signature does not verify.' },
  challenge_expired: { status: 401, message: 'The authentication challenge is unknown, used or expired.' },
  unknown_device: { status: 404, message: 'The device is not in the account’s signed device list.' },
  device_list_invalid: {
    status: 400,
    message: 'The device list is malformed or not signed by the account key.',
  },
  device_list_stale: {
    status: 409,
    message: 'The device list version must be exactly one more than the current one.',
  },
  device_removed_self: { status: 400, message: 'A device list must keep the device that uploads it.' },
  too_many_devices: { status: 400, message: 'An account may have at most 16 devices.' },

  key_package_invalid: {
    status: 400,
    message: 'A key package is malformed, too large, expired, or valid for more than 90 days.',
  },
  too_many_key_packages: {
    status: 400,
    message: 'The device already holds the maximum number of key packages.',
  },
  no_key_package: {
    status: 404,
    message: 'A device of this account has no key package left; ask its owner to come online.',
  },

  group_exists: { status: 409, message: 'A group with this id already exists.' },
  not_a_member: { status: 403, message: 'This device is not a member of the group.' },
  stale_epoch: {
    status: 409,
    message: 'The commit is for an old epoch; fetch the newer commit, apply it and retry.',
  },
  member_unknown: {
    status: 400,
    message: 'An added device does not exist or is already a member, or a removed leaf is empty.',
  },
  not_an_admin: {
    status: 403,
    message:
      "Only the conversation's admins may remove another person's device or change who the admins are.",
  },
  group_full: { status: 400, message: 'The group has reached its member limit.' },
  invalid_mls_message: {
    status: 400,
    message: 'The bytes are not an MLS message of the kind this route takes, for this group and epoch.',
  },

  invalid_credentials: {
    status: 401,
    message: 'The username or e-mail, password or authenticator code is wrong.',
  },
  sign_in_locked: {
    status: 429,
    message: 'Too many failed sign-ins for this account; wait as long as Retry-After says, then try again.',
  },
  sign_in_busy: {
    status: 429,
    message: 'The server is checking as many passwords as it can at once; retry after Retry-After seconds.',
  },
  weak_password: {
    status: 400,
    message: 'The password is too easy to guess; the message and details.reason say why.',
  },
  account_disabled: {
    status: 403,
    message: 'This account has been disabled by a policy admin; ask them to re-enable it.',
  },
  self_revocation: {
    status: 409,
    message: 'A policy admin cannot disable or sign out their own account; another admin must.',
  },
  forbidden_role: { status: 403, message: 'Your staff role does not grant this action.' },
  report_period_not_started: {
    status: 409,
    message: 'A report can be published only for a half-year that has begun.',
  },
  report_already_published: {
    status: 409,
    message:
      'This half-year is already published from a log that holds the same events; publish again once it changes.',
  },
  invalid_roles: {
    status: 400,
    message: 'This combination of staff roles is not allowed (separation of duties).',
  },
  already_exists: { status: 409, message: 'A record with this name already exists.' },
  agency_not_approved: {
    status: 403,
    message: 'The agency is not approved yet; a second staff member must approve it.',
  },
  email_domain_not_verified: {
    status: 400,
    message: 'The e-mail address is not in one of the agency’s verified domains.',
  },
  self_approval: { status: 409, message: 'The second signature must come from another staff member.' },
  agency_suspended: {
    status: 403,
    message:
      'The agency’s approval is suspended by a policy admin: its officers cannot sign in or act until it is reinstated.',
  },
  agency_withdrawn: {
    status: 403,
    message:
      'The agency’s approval was withdrawn for good: it cannot be reinstated, only registered again as a new agency.',
  },
  invalid_standing_change: {
    status: 409,
    message:
      'The agency is not in a standing this change applies to (suspend an approved agency, reinstate a suspended one).',
  },
  own_totp_reset: {
    status: 409,
    message:
      'Nobody can propose or confirm a reset of their own authenticator; two other policy admins must.',
  },
  totp_reset_pending: {
    status: 409,
    message: 'A reset of this person’s authenticator is already proposed; confirm or cancel that one.',
  },
  totp_reset_closed: {
    status: 409,
    message: 'This authenticator reset is no longer pending: it was confirmed, cancelled or it expired.',
  },
  intake_rejected: {
    status: 422,
    message: 'The submission has problems; each is listed in details.problems.',
  },
  policy_rejected: { status: 422, message: 'The policy change is not valid; see details.' },
  policy_history_conflict: {
    status: 409,
    message:
      'A historical policy version must take effect before the jurisdiction’s recorded versions and before the first request.',
  },
  invalid_transition: { status: 409, message: 'The action is not possible in the case’s current state.' },
  guard_failed: { status: 409, message: 'A rule of the request lifecycle refused the action; see details.' },
  production_unavailable: {
    status: 410,
    message: 'No production package is available for this request, or it has expired.',
  },
  production_not_logged: {
    status: 409,
    message:
      'The production is not yet covered by a signed checkpoint of the public log; retry after the next checkpoint.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export type ErrorBody = Readonly<{
  error: Readonly<{ code: ErrorCode; message: string; details?: unknown }>;
}>;

/** WebSocket close codes (4000-4999 are application-defined by RFC 6455). */
export const closeCodes = {
  normal: 1000,
  goingAway: 1001,
  tryAgainLater: 1013,
  unauthenticated: 4401,
  authTimeout: 4408,
  rateLimited: 4429,
  sessionReplaced: 4409,
} as const;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}
