import { createHash, randomBytes } from 'node:crypto';
import { hasPermission, type StaffRole } from '@parley/governance';
import type { GovPrincipalKind } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ApiError, RetryLaterError } from '../../errors.ts';
import { type SecretBox, SecretKeyError } from '../../secrets.ts';
import type { AuditService } from '../gov-audit/service.ts';
import type { HashGate } from './hash-gate.ts';
import { verifyPassword } from './password.ts';
import type { GovPrincipal } from './principal.ts';
import { standingRefusal } from './standing.ts';
import { accessStore } from './store.ts';
import { startsLockout, throttleSubject, waitAfterFailures } from './throttle.ts';
import { throttleStore } from './throttle-store.ts';
import { checkTotp } from './totp.ts';
import { type TotpTable, totpContext } from './totp-sealing.ts';

type SignInAccount = Readonly<{ id: string; passwordHash: string; totpSecret: string; totpLastStep: number }>;

/** Staff and officer sessions are short: a stolen token is worth a working day at most. */
const SESSION_TTL_MS = 8 * 3600_000;
/** A failure streak is remembered this long after its last attempt (longer than any wait it imposes). */
const THROTTLE_MEMORY_MS = 24 * 3600_000;

export const newGovId = (): string => randomBytes(16).toString('base64url');
const tokenHash = (token: string) => new Uint8Array(createHash('sha256').update(token).digest());

/**
 * Separation of duties the registry enforces on top of the permission matrix: nobody both sets policy and
 * handles data, and an auditor holds no other role, so the person reading the trail never wrote it.
 */
export function checkRoleCombination(roles: readonly StaffRole[]): void {
  if (hasPermission(roles, 'propose_policy') && hasPermission(roles, 'produce'))
    throw new ApiError('invalid_roles', 'A policy admin cannot also produce data.');
  if (roles.includes('auditor') && roles.length > 1)
    throw new ApiError('invalid_roles', 'An auditor holds no other role.');
}

/** Sign-in (password + TOTP), sessions and authentication of staff and officers. */
export class AccessService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #box: SecretBox;
  readonly #audit: AuditService;

  readonly #gate: HashGate;

  constructor(db: Db, clock: Clock, audit: AuditService, gate: HashGate, box: SecretBox) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
    this.#gate = gate;
    this.#box = box;
  }

  async staffLogin(body: Readonly<{ username: string; password: string; totp: string }>) {
    const attempt = { kind: 'staff' as const, name: body.username, ...body };
    return this.#signIn(
      attempt,
      () => accessStore.staffByUsername(this.#db, body.username),
      async (tx, staff) => {
        if (staff.disabled) throw new ApiError('account_disabled');
        const session = await this.#open(tx, { staffId: staff.id, officerId: null });
        return { ...session, kind: 'staff' as const, id: staff.id, roles: [...staff.roles], agencyId: null };
      },
    );
  }

  async officerLogin(body: Readonly<{ email: string; password: string; totp: string }>) {
    const attempt = { kind: 'officer' as const, name: body.email, ...body };
    return this.#signIn(
      attempt,
      () => accessStore.officerByEmail(this.#db, body.email),
      async (tx, officer) => {
        if (officer.retired) throw new ApiError('agency_withdrawn');
        if (officer.disabled) throw new ApiError('account_disabled');
        const agency = await accessStore.agency(tx, officer.agencyId);
        const refusal = standingRefusal(agency?.standing ?? 'pending');
        if (refusal) throw refusal;
        const session = await this.#open(tx, { staffId: null, officerId: officer.id });
        return {
          ...session,
          kind: 'officer' as const,
          id: officer.id,
          roles: [],
          agencyId: officer.agencyId,
        };
      },
    );
  }

  /** A seed that does not open where it is stored (moved from another row, or another key's) matches nothing. */
  #openSeed(table: TotpTable, account: SignInAccount): string | undefined {
    try {
      return this.#box.open(account.totpSecret, totpContext(table, account.id));
    } catch (error) {
      if (error instanceof SecretKeyError) return undefined;
      throw error;
    }
  }

  /**
   * Password + TOTP, in this order: a free hashing slot (else `sign_in_busy`), the login name's throttle
   * (else `sign_in_locked`, before any hashing), the hash outside every transaction, and only for a right
   * password and code one short transaction that spends the code and opens the session. An unknown name goes
   * through the same steps against a decoy hash. A failure writes no audit event of its own: the count is in
   * the throttle, and the trail gets one event when a lockout starts and one when a success ends a streak.
   */
  async #signIn<A extends SignInAccount, T>(
    attempt: Readonly<{ kind: 'staff' | 'officer'; name: string; password: string; totp: string }>,
    find: () => Promise<A | undefined>,
    open: (tx: Db, account: A) => Promise<T>,
  ): Promise<T> {
    const subject = throttleSubject(attempt.kind, attempt.name);
    const object = `${attempt.kind}:${attempt.name}`;
    const checked = await this.#gate.run(async () => {
      const claim = await throttleStore.claim(this.#db, subject, this.#clock.now(), waitAfterFailures);
      if (!claim.ok) throw new RetryLaterError('sign_in_locked', claim.retryAfterMs);
      const account = await find();
      const passwordOk = await verifyPassword(account?.passwordHash, attempt.password);
      const now = this.#clock.now();
      const table = attempt.kind === 'staff' ? 'gov_staff' : 'gov_officers';
      const secret = account && this.#openSeed(table, account);
      const step = account && secret ? checkTotp(secret, attempt.totp, now, account.totpLastStep) : null;
      return { failures: claim.failures, account: passwordOk && step !== null ? account : undefined, step };
    });
    const { account, step, failures } = checked;
    if (account === undefined || step === null) {
      if (startsLockout(failures))
        await this.#audit.run(
          { actor: 'system:sign-in-throttle', action: `sign_in_locked after ${failures} failures`, object },
          async () => undefined,
        );
      throw new ApiError('invalid_credentials');
    }
    const entry = { actor: 'anonymous', action: `${attempt.kind}_login`, object };
    return this.#audit.run(entry, async (tx) => {
      const table = attempt.kind === 'staff' ? 'gov_staff' : 'gov_officers';
      if (!(await accessStore.spendTotpStep(tx, table, account.id, step, account.totpSecret)))
        throw new ApiError('invalid_credentials');
      const result = await open(tx, account);
      await throttleStore.clear(tx, subject);
      if (failures > 1)
        await this.#audit.record(tx, {
          actor: 'system:sign-in-throttle',
          action: `signed in after ${failures - 1} failures`,
          object,
        });
      return result;
    });
  }

  async #open(tx: Db, principal: Readonly<{ staffId: string | null; officerId: string | null }>) {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.#clock.now().getTime() + SESSION_TTL_MS);
    await accessStore.insertSession(tx, tokenHash(token), principal, expiresAt);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** The principal behind a bearer token, if it is a live session of the kind the route wants. */
  async authenticate(token: string, kind: GovPrincipalKind): Promise<GovPrincipal | null> {
    const hash = tokenHash(token);
    const row = await accessStore.session(this.#db, hash, this.#clock.now());
    if (!row) return null;
    if (row.staff_id !== null && kind !== 'officer') {
      const staff = await accessStore.staffById(this.#db, row.staff_id);
      return staff && !staff.disabled
        ? { kind: 'staff', id: staff.id, username: staff.username, roles: staff.roles, session: hash }
        : null;
    }
    // A disabled officer's sessions, and a suspended or withdrawn agency's, are deleted with that change; the
    // checks here are the second lock, and name the agency's standing so the portal can say why.
    if (row.officer_id !== null && kind !== 'staff') {
      if (row.withdrawn_at !== null || row.retired_at !== null) throw new ApiError('agency_withdrawn');
      if (row.suspended_at !== null) throw new ApiError('agency_suspended');
    }
    if (
      row.officer_id !== null &&
      kind !== 'staff' &&
      row.agency_id !== null &&
      row.email !== null &&
      row.disabled_at === null
    )
      return {
        kind: 'officer',
        id: row.officer_id,
        agencyId: row.agency_id,
        email: row.email,
        session: hash,
      };
    return null;
  }

  async logout(p: GovPrincipal): Promise<Record<string, never>> {
    await this.#audit.run(
      { actor: `${p.kind}:${p.id}`, action: 'logout', object: `${p.kind}:${p.id}` },
      (tx) => accessStore.deleteSession(tx, p.session),
    );
    return {};
  }

  async sweepSessions(): Promise<number> {
    return accessStore.deleteExpiredSessions(this.#db, this.#clock.now());
  }

  /** Forgets the failure counts of login names quiet for a day and not locked out now. */
  async sweepSignInThrottle(): Promise<number> {
    const now = this.#clock.now();
    return throttleStore.deleteQuiet(this.#db, new Date(now.getTime() - THROTTLE_MEMORY_MS), now);
  }
}

/** Maps a unique-key clash to a clear error; anything else propagates. */
export function uniqueOr(error: unknown, what: string): never {
  if (isUniqueViolation(error)) throw new ApiError('already_exists', `${what} already exists.`);
  throw error;
}
