import type { AgencyRecord, StaffRole } from '@parley/governance';
import { isJurisdictionCode } from '@parley/governance';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { SecretBox } from '../../secrets.ts';
import type { AuditService } from '../gov-audit/service.ts';
import type { AgencyRow, AgencyStanding } from './access-rows.ts';
import { isAuthorityKind, presentAgency } from './agency-view.ts';
import { requireAnyStaff, requireStaff } from './authorize.ts';
import type { HashGate } from './hash-gate.ts';
import { hashPassword } from './password.ts';
import { checkPasswordStrength } from './password-policy.ts';
import { type GovPrincipal, principalLabel } from './principal.ts';
import { checkRoleCombination, newGovId, uniqueOr } from './service.ts';
import { standingRefusal } from './standing.ts';
import { accessStore } from './store.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { totpContext } from './totp-sealing.ts';

const ISSUER = 'Parley';

type NewStaff = Readonly<{
  username: string;
  displayName: string;
  roles: readonly StaffRole[];
  password: string;
}>;
type NewAgency = Readonly<{
  name: string;
  kind: AgencyRecord['kind'];
  jurisdiction: string;
  emailDomains: readonly string[];
  callbackNumber: string;
  callbackSource: string;
}>;

/** The staff registry and the registry of agencies and their officers. */
export class RegistryService {
  readonly #clock: Clock;
  readonly #box: SecretBox;
  readonly #audit: AuditService;
  readonly #gate: HashGate;

  constructor(clock: Clock, audit: AuditService, gate: HashGate, box: SecretBox = new SecretBox()) {
    this.#clock = clock;
    this.#audit = audit;
    this.#gate = gate;
    this.#box = box;
  }

  /**
   * Checks the password's strength and hashes it before any transaction opens, so a slow hash never holds a
   * database connection (or, on PGlite, the whole database) while it runs.
   */
  async #newPasswordHash(password: string, context: readonly string[]): Promise<string> {
    checkPasswordStrength(password, context);
    return this.#gate.run(() => hashPassword(password));
  }

  /** `parley admin init`: the first policy admin, written directly on the server's data, once. */
  async initFirstAdmin(body: Omit<NewStaff, 'roles'>) {
    const entry = { actor: 'system:admin-init', action: 'create_staff', object: `staff:${body.username}` };
    const passwordHash = await this.#newPasswordHash(body.password, [body.username, body.displayName]);
    return this.#audit.run(entry, async (tx) => {
      if ((await accessStore.countStaff(tx)) > 0)
        throw new ApiError(
          'already_exists',
          'Staff already exist; further staff are created by a policy admin.',
        );
      return this.#insertStaff(tx, { ...body, roles: ['policy_admin'] }, passwordHash, null);
    });
  }

  async createStaff(actor: GovPrincipal, body: NewStaff) {
    const entry = { actor: principalLabel(actor), action: 'create_staff', object: `staff:${body.username}` };
    const passwordHash = await this.#audit.before(entry, async () => {
      requireStaff(actor, 'manage_staff');
      checkRoleCombination(body.roles);
      return this.#newPasswordHash(body.password, [body.username, body.displayName]);
    });
    return this.#audit.run(entry, async (tx) => {
      const admin = requireStaff(actor, 'manage_staff');
      return this.#insertStaff(tx, body, passwordHash, admin.id);
    });
  }

  async #insertStaff(tx: Db, body: NewStaff, passwordHash: string, createdBy: string | null) {
    const id = newGovId();
    const totpSecret = newTotpSecret();
    await accessStore
      .insertStaff(
        tx,
        {
          id,
          ...body,
          passwordHash,
          totpSecret: this.#box.seal(totpSecret, totpContext('gov_staff', id)),
          createdBy,
        },
        this.#clock.now(),
      )
      .catch((e: unknown) => uniqueOr(e, `Staff ${body.username}`));
    return {
      id,
      username: body.username,
      roles: [...body.roles],
      totpSecret,
      otpauthUri: totpUri(ISSUER, body.username, totpSecret),
    };
  }

  async listStaff(actor: GovPrincipal) {
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'list_staff', object: 'staff' },
      async (tx) => {
        requireStaff(actor, 'manage_staff');
        const staff = await accessStore.listStaff(tx);
        return {
          staff: staff.map((s) => ({
            id: s.id,
            username: s.username,
            displayName: s.displayName,
            roles: [...s.roles],
          })),
        };
      },
    );
  }

  async createAgency(actor: GovPrincipal, body: NewAgency) {
    const id = newGovId();
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'create_agency', object: `agency:${id}` },
      async (tx) => {
        const admin = requireStaff(actor, 'manage_agencies');
        if (!isJurisdictionCode(body.jurisdiction))
          throw new ApiError('validation_failed', `Unknown jurisdiction ${body.jurisdiction}.`);
        await accessStore.insertAgency(tx, { id, ...body, registeredBy: admin.id }, this.#clock.now());
        return presentAgency(await this.#agency(tx, id));
      },
    );
  }

  /** The second pair of eyes on the registry: forged agencies are how forged police requests get in. */
  async approveAgency(actor: GovPrincipal, agencyId: string) {
    const entry = { actor: principalLabel(actor), action: 'approve_agency', object: `agency:${agencyId}` };
    return this.#audit.run(entry, async (tx) => {
      const admin = requireStaff(actor, 'manage_agencies');
      const agency = await this.#agency(tx, agencyId);
      if (agency.registeredBy === admin.id)
        throw new ApiError(
          'self_approval',
          'The staff member who registered an agency cannot also approve it.',
        );
      if (agency.standing === 'withdrawn') throw new ApiError('agency_withdrawn');
      if (agency.approvedAt === null)
        await accessStore.approveAgency(tx, agencyId, admin.id, this.#clock.now());
      return presentAgency(await this.#agency(tx, agencyId));
    });
  }

  async listAgencies(actor: GovPrincipal) {
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'list_agencies', object: 'agencies' },
      async (tx) => {
        requireAnyStaff(actor, ['manage_agencies', 'read_cases']);
        return { agencies: (await accessStore.listAgencies(tx)).map(presentAgency) };
      },
    );
  }

  async createOfficer(
    actor: GovPrincipal,
    agencyId: string,
    body: Readonly<{ email: string; name: string; password: string }>,
  ) {
    const id = newGovId();
    const entry = { actor: principalLabel(actor), action: 'create_officer', object: `officer:${id}` };
    const passwordHash = await this.#audit.before(entry, async () => {
      requireStaff(actor, 'manage_agencies');
      return this.#newPasswordHash(body.password, [body.email, body.name]);
    });
    return this.#audit.run(entry, async (tx) => {
      const admin = requireStaff(actor, 'manage_agencies');
      const agency = await this.#agency(tx, agencyId);
      const refusal = standingRefusal(agency.standing);
      if (refusal) throw refusal;
      const domain = body.email.split('@').at(-1) ?? '';
      if (!agency.emailDomains.includes(domain)) throw new ApiError('email_domain_not_verified');
      const totpSecret = newTotpSecret();
      await accessStore
        .insertOfficer(
          tx,
          {
            id,
            agencyId,
            email: body.email,
            name: body.name,
            passwordHash,
            totpSecret: this.#box.seal(totpSecret, totpContext('gov_officers', id)),
            createdBy: admin.id,
          },
          this.#clock.now(),
        )
        .catch((e: unknown) => uniqueOr(e, `Officer ${body.email}`));
      return {
        id,
        agencyId,
        email: body.email,
        totpSecret,
        otpauthUri: totpUri(ISSUER, body.email, totpSecret),
      };
    });
  }

  /** The agency as the governance domain sees it; the call-back number comes from here, never a request. */
  async agencyRecord(
    tx: Db,
    agencyId: string,
  ): Promise<AgencyRecord & Readonly<{ name: string; approved: boolean; standing: AgencyStanding }>> {
    const a = await this.#agency(tx, agencyId);
    if (!isJurisdictionCode(a.jurisdiction) || !isAuthorityKind(a.kind))
      throw new Error('corrupt agency row');
    return {
      id: a.id,
      name: a.name,
      kind: a.kind,
      jurisdiction: a.jurisdiction,
      registeredCallbackNumber: a.callbackNumber,
      approved: a.standing === 'approved',
      standing: a.standing,
    };
  }

  async #agency(tx: Db, id: string): Promise<AgencyRow> {
    const agency = await accessStore.agency(tx, id);
    if (!agency) throw new ApiError('not_found', 'No such agency.');
    return agency;
  }
}
