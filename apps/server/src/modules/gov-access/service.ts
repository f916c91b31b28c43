import { createHash, randomBytes } from 'node:crypto';
import { hasPermission, type StaffRole } from '@parley/governance';
import type { GovPrincipalKind } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ApiError } from '../../errors.ts';
import type { AuditService } from '../gov-audit/service.ts';
import { verifyPassword } from './password.ts';
import type { GovPrincipal } from './principal.ts';
import { accessStore } from './store.ts';
import { checkTotp } from './totp.ts';

/** Staff and officer sessions are short: a stolen token is worth a working day at most. */
const SESSION_TTL_MS = 8 * 3600_000;

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
  readonly #audit: AuditService;

  constructor(db: Db, clock: Clock, audit: AuditService) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
  }

  async staffLogin(body: Readonly<{ username: string; password: string; totp: string }>) {
    const entry = { actor: 'anonymous', action: 'staff_login', object: `staff:${body.username}` };
    return this.#audit.run(entry, async (tx) => {
      const staff = await accessStore.staffByUsername(tx, body.username);
      const passwordOk = await verifyPassword(staff?.passwordHash, body.password);
      const now = this.#clock.now();
      const step = staff ? checkTotp(staff.totpSecret, body.totp, now, staff.totpLastStep) : null;
      if (
        !staff ||
        !passwordOk ||
        step === null ||
        !(await accessStore.spendTotpStep(tx, 'gov_staff', staff.id, step))
      )
        throw new ApiError('invalid_credentials');
      const session = await this.#open(tx, { staffId: staff.id, officerId: null });
      return { ...session, kind: 'staff' as const, id: staff.id, roles: [...staff.roles], agencyId: null };
    });
  }

  async officerLogin(body: Readonly<{ email: string; password: string; totp: string }>) {
    const entry = { actor: 'anonymous', action: 'officer_login', object: `officer:${body.email}` };
    return this.#audit.run(entry, async (tx) => {
      const officer = await accessStore.officerByEmail(tx, body.email);
      const passwordOk = await verifyPassword(officer?.passwordHash, body.password);
      const now = this.#clock.now();
      const step = officer ? checkTotp(officer.totpSecret, body.totp, now, officer.totpLastStep) : null;
      if (
        !officer ||
        !passwordOk ||
        step === null ||
        !(await accessStore.spendTotpStep(tx, 'gov_officers', officer.id, step))
      )
        throw new ApiError('invalid_credentials');
      const agency = await accessStore.agency(tx, officer.agencyId);
      if (agency?.approvedAt == null) throw new ApiError('agency_not_approved');
      const session = await this.#open(tx, { staffId: null, officerId: officer.id });
      return { ...session, kind: 'officer' as const, id: officer.id, roles: [], agencyId: officer.agencyId };
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
      return staff
        ? { kind: 'staff', id: staff.id, username: staff.username, roles: staff.roles, session: hash }
        : null;
    }
    if (row.officer_id !== null && kind !== 'staff' && row.agency_id !== null && row.email !== null)
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
}

/** Maps a unique-key clash to a clear error; anything else propagates. */
export function uniqueOr(error: unknown, what: string): never {
  if (isUniqueViolation(error)) throw new ApiError('already_exists', `${what} already exists.`);
  throw error;
}
