import {
  DeviceListRefusedError,
  LogVerificationError,
  ParleyApiError,
  WitnessPolicyError,
} from '@parley/sdk';

/** Exit codes every command shares; `verify` adds its own 2-4 for what the log says. */
export const exitCodes = { failed: 1, unreachable: 5 } as const;

export type Failure = Readonly<{ code: string; message: string; exitCode: number }>;

const socketReasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
};

/** The socket-level reason under a failed fetch (`connection refused`, …), if there is one. */
function socketReason(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code: unknown = Reflect.get(cause, 'code');
    const reason = typeof code === 'string' ? socketReasons[code] : undefined;
    if (reason) return reason;
  }
  return undefined;
}

/** Operator commands' own errors (run on the server machine), by error name. */
const operatorCodes: Readonly<Record<string, string>> = {
  ConfigError: 'invalid_setting',
  SecretKeyError: 'secret_key_mismatch',
  BackupError: 'backup_refused',
  DataDirLockedError: 'data_dir_in_use',
  LogKeyRotationError: 'log_key_rotation_refused',
  LogOriginRotatedError: 'log_origin_rotated',
  LogOriginMismatchError: 'log_origin_mismatch',
};

/**
 * What a command's error means to the person (or script) that ran it: a server that could not be reached is
 * its own exit code (5), with the address and the reason; a refusal keeps the server's error code.
 */
export function describeFailure(error: unknown, server: string): Failure {
  const unreachable =
    (error instanceof ParleyApiError && error.code === 'network') ||
    (error instanceof LogVerificationError && error.problem === 'unreachable') ||
    socketReason(error) !== undefined;
  if (unreachable) {
    const reason = socketReason(error) ?? (error instanceof Error ? error.message : String(error));
    return {
      code: 'unreachable',
      message: `could not reach the server at ${server}: ${reason}`,
      exitCode: exitCodes.unreachable,
    };
  }
  const code =
    error instanceof ParleyApiError
      ? error.code
      : error instanceof DeviceListRefusedError
        ? error.problem
        : error instanceof WitnessPolicyError
          ? 'invalid-witness-policy'
          : ((error instanceof Error ? operatorCodes[error.name] : undefined) ?? 'failed');
  return {
    code,
    message: error instanceof Error ? error.message : String(error),
    exitCode: exitCodes.failed,
  };
}
