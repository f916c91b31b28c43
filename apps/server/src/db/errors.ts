import type { ErrorCode } from '@parley/protocol';
import { ApiError, RetryLaterError } from '../errors.ts';

/** How long a client is asked to wait before retrying a write the full disk refused. */
const storageFullRetryMs = 30_000;
/** And after the database could not be reached (a restart or failover usually takes seconds). */
const unavailableRetryMs = 5_000;

/**
 * The database cannot be reached: connection exceptions (class 08), an administrator's or crash shutdown
 * and a server still starting (57P01-57P03), a refused or broken socket, and the `pg` client's own errors for
 * a dropped connection or a connect timeout, which carry no code.
 */
const unavailableStates = /^(08...|57P0[123])$/;
const unavailableSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const unavailableMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const message = error instanceof Error ? error.message : '';
  return (
    unavailableStates.test(code) || unavailableSocketCodes.has(code) || unavailableMessages.test(message)
  );
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined;
}

/** True when a database error is a unique-constraint violation (SQLSTATE 23505), on PostgreSQL and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * The refusal a client should see for an error: an `ApiError` as it is; the database's disk being full
 * (SQLSTATE 53100, raised alike by PostgreSQL and PGlite; the write did not happen) as `storage_full`, and the
 * database being unreachable as `database_unavailable`, each with a time to retry; anything else as
 * nothing, for the caller to answer `internal`.
 */
export function refusalFor(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (sqlState(error) === '53100') return new RetryLaterError('storage_full', storageFullRetryMs);
  if (isUnavailable(error)) return new RetryLaterError('database_unavailable', unavailableRetryMs);
  return undefined;
}

/** What may be logged of an unexpected error: its class name and SQLSTATE, never its message or values. */
export function faultFields(error: unknown): { error: string; sqlState?: string } {
  const name = error instanceof Error ? error.name : 'unknown';
  const state = sqlState(error);
  return state ? { error: name, sqlState: state } : { error: name };
}

/** The log event for a refusal that tells the operator about the database, by the refusal's code. */
export function faultEvent(refusal: ApiError | undefined): string | undefined {
  const events: Partial<Record<ErrorCode, string>> = {
    storage_full: 'db.storage_full',
    database_unavailable: 'db.unavailable',
  };
  return refusal ? events[refusal.code] : undefined;
}
