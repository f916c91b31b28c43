/**
 * Consecutive failed staff or officer sign-ins per login name (hashed), shared by every server process so a
 * restart or a second process does not hand an attacker fresh guesses.
 */
export type GovLoginThrottleTable = {
  subject: Uint8Array;
  failures: number;
  blocked_until: Date;
  updated_at: Date;
};
