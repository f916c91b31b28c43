import { type ErrorCode, errorCodes } from '@parley/protocol';

/** A refusal with a protocol error code; the HTTP and WebSocket layers map it to a status or error frame. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCodes[code].message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

/** A refusal that names when to come back; the HTTP layer sends it as `Retry-After` (whole seconds). */
export class RetryLaterError extends ApiError {
  readonly retryAfterSeconds: number;

  constructor(code: ErrorCode, retryAfterMs: number, message?: string) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(code, message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
