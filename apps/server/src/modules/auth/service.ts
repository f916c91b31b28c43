import { createHash, randomBytes } from 'node:crypto';
import { authChallengeMessage } from '@parley/crypto';
import { verifyWithLabel } from '@parley/crypto/node';
import { fromBase64url, limits, toBase64url } from '@parley/protocol';
import { type Clock, dayOf } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { AuthContext } from '../../http/handlers.ts';
import { RateLimiter } from '../../http/rate-limit.ts';
import type { AccountService } from '../accounts/service.ts';
import { authStore } from './store.ts';

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

/** Device login by signing a server challenge; no passwords on the messaging path. */
export class AuthService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #accounts: AccountService;
  readonly #attempts = new RateLimiter(limits.authAttemptsPerMinute / 60, limits.authAttemptsPerMinute);

  constructor(db: Db, clock: Clock, accounts: AccountService) {
    this.#db = db;
    this.#clock = clock;
    this.#accounts = accounts;
  }

  async challenge(username: string, deviceId: string) {
    if (!this.#attempts.take(deviceId)) throw new ApiError('rate_limited');
    const challenge = new Uint8Array(randomBytes(32));
    const expiresAt = new Date(this.#clock.now().getTime() + limits.challengeTtlSeconds * 1000);
    if (!(await authStore.insertChallenge(this.#db, challenge, { username, deviceId }, expiresAt)))
      throw new ApiError('unknown_device');
    return { challenge: toBase64url(challenge), expiresAt: expiresAt.toISOString() };
  }

  async session(
    body: Readonly<{ username: string; deviceId: string; challenge: string; signature: string }>,
  ) {
    const challenge = fromBase64url(body.challenge);
    const taken = await authStore.takeChallenge(this.#db, challenge);
    const now = this.#clock.now();
    if (!taken || taken.device_id !== body.deviceId || taken.expires_at <= now)
      throw new ApiError('challenge_expired');
    if (taken.username !== body.username) throw new ApiError('unknown_device');
    const message = authChallengeMessage(challenge, body.username, body.deviceId);
    if (!verifyWithLabel('auth', taken.signature_key, message, fromBase64url(body.signature))) {
      throw new ApiError('invalid_signature');
    }
    const token = new Uint8Array(randomBytes(32));
    // Stored as a day (the session lapses at its start), so the row does not record the login time.
    const expiresOn = dayOf(new Date(now.getTime() + limits.sessionTtlSeconds * 1000));
    await authStore.insertSession(this.#db, sha256(token), taken.device_id, expiresOn);
    await this.#accounts.touch(taken.device_id);
    return {
      token: toBase64url(token),
      expiresAt: `${expiresOn}T00:00:00.000Z`,
      username: taken.username,
      deviceId: taken.device_id,
    };
  }

  /** Resolves a bearer token to its device, or null. Only the token's hash is looked up. */
  async authenticate(token: string): Promise<AuthContext | null> {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64url(token);
    } catch {
      return null;
    }
    if (bytes.length !== 32) return null;
    const tokenHash = sha256(bytes);
    const row = await authStore.session(this.#db, tokenHash, dayOf(this.#clock.now()));
    return row ? { ...row, tokenHash } : null;
  }

  async logout(auth: AuthContext): Promise<void> {
    await authStore.deleteSession(this.#db, auth.tokenHash);
  }

  /** Deletes expired challenges and sessions. */
  async sweep(): Promise<number> {
    const now = this.#clock.now();
    return authStore.deleteExpired(this.#db, now, dayOf(now));
  }
}
