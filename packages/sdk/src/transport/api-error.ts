import type { ErrorCode } from '@parley/protocol';

/** A server answer that is not a success: the protocol's error code, the HTTP status and any details. */
export class ParleyApiError extends Error {
  override readonly name = 'ParleyApiError';
  readonly code: ErrorCode | 'network' | 'bad_response';
  readonly status: number;
  readonly details: unknown;

  constructor(
    code: ErrorCode | 'network' | 'bad_response',
    status: number,
    message: string,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

const retryableCodes: ReadonlySet<string> = new Set([
  'rate_limited',
  'server_busy',
  'storage_full',
  'database_unavailable',
  'network',
]);

/** True for answers worth retrying unchanged after a pause (throttling, a busy, full or unreachable server). */
export function isRetryable(error: unknown): boolean {
  return error instanceof ParleyApiError && retryableCodes.has(error.code);
}
