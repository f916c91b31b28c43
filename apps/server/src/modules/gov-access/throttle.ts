import { createHash } from 'node:crypto';
import { limits } from '@parley/protocol';

const SECOND = 1000;

/**
 * How long a login name must wait after its `failures`-th consecutive failure: nothing for the first few
 * (typos), then 1 s doubling to 64 s, then the lockout. Each failure after a lockout locks again, so an online
 * guesser gets about one try per lockout period however many addresses it uses.
 */
export function waitAfterFailures(failures: number): number {
  if (failures < limits.govSignInFreeFailures) return 0;
  if (failures < limits.govSignInLockoutFailures)
    return SECOND * 2 ** (failures - limits.govSignInFreeFailures);
  return limits.govSignInLockoutSeconds * SECOND;
}

/** True for the failure that starts a lockout period worth an audit event (the 10th, 20th, …). */
export function startsLockout(failures: number): boolean {
  return failures >= limits.govSignInLockoutFailures && failures % limits.govSignInLockoutFailures === 0;
}

/**
 * The throttle key of a login name. A hash, so the table holds no list of the names people tried, and of the
 * submitted name rather than an account id, so a name with no account is throttled exactly like one with.
 */
export function throttleSubject(kind: 'staff' | 'officer', name: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`${kind}\0${name}`).digest());
}
