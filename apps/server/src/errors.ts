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
