import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;

/** A fresh 160-bit TOTP secret (RFC 6238 / RFC 4226 recommend at least 128 bits), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI authenticator apps import. */
export function totpUri(issuer: string, label: string, secret: string): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), period: PERIOD_S }).toString();
}

/**
 * Checks a code at `now`, allowing one step of clock drift either way. Returns the code's time step, which
 * must be later than the last one used: a code seen once (over a shoulder, in a phishing relay) is spent.
 */
export function checkTotp(secret: string, code: string, now: Date, lastStep: number): number | null {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD_S });
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
  return step > lastStep ? step : null;
}

/** The current code for a secret (the CLI's demo and tests sign in with it). */
export function totpCode(secret: string, now: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD_S }).generate({
    timestamp: now.getTime(),
  });
}
