import { ApiError, RetryLaterError } from '../errors.ts';

/** How long a client is asked to wait before retrying a write the full disk refused. */
const storageFullRetryMs = 30_000;

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined;
}

/** True when a database error is a unique-constraint violation (SQLSTATE 23505), on PostgreSQL and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * The refusal a client should see for an error: an `ApiError` as it is, the database's disk being full
 * (SQLSTATE 53100, raised alike by PostgreSQL and PGlite; the write did not happen) as `storage_full` with a
 * time to retry, and anything else as nothing, for the caller to answer `internal`.
 */
export function refusalFor(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (sqlState(error) === '53100') return new RetryLaterError('storage_full', storageFullRetryMs);
  return undefined;
}

/** What may be logged of an unexpected error: its class name and SQLSTATE, never its message or values. */
export function faultFields(error: unknown): { error: string; sqlState?: string } {
  const name = error instanceof Error ? error.name : 'unknown';
  const state = sqlState(error);
  return state ? { error: name, sqlState: state } : { error: name };
}
