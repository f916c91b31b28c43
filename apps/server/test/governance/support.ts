import type { RouteInput, RouteName } from '@parley/protocol';
import { ManualClock } from '../../src/clock.ts';
import type { ParleyServer, ServerConfig } from '../../src/index.ts';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { call } from '../support/raw-client.ts';
import { startServer } from '../support/start.ts';

export const PASSWORD = 'correct horse battery staple';

/** A signed-in staff member or officer: calls routes with its own session. */
export type Principal = {
  readonly id: string;
  token: string;
  readonly call: <N extends RouteName>(name: N, input?: Partial<RouteInput<N>>) => ReturnType<typeof call<N>>;
};

/** A server on a manual clock with a first policy admin, as `parley admin init` creates it. */
export class GovWorld {
  /** The first policy admin; signed in by `start`. */
  admin: Principal;

  private constructor(
    readonly server: ParleyServer,
    readonly clock: ManualClock,
  ) {
    this.admin = this.principal('', '');
  }

  /** `logSequenceIntervalMs: 0` leaves integration to explicit `sequence()` calls, for tests of the log gate. */
  static async start(
    start = '2026-04-01T09:00:00Z',
    options: Partial<
      Pick<ServerConfig, 'logSequenceIntervalMs' | 'httpRateLimit' | 'passwordHashConcurrency' | 'secretKey'>
    > = {},
  ): Promise<GovWorld> {
    const clock = new ManualClock(start);
    const server = await startServer({ clock, governanceSweepIntervalMs: 0, ...options });
    const init = await server.context.governance.registry.initFirstAdmin({
      username: 'pat',
      displayName: 'Pat Admin',
      password: PASSWORD,
    });
    const world = new GovWorld(server, clock);
    world.admin = await world.staffSession('pat', init.totpSecret);
    return world;
  }

  get url(): string {
    return this.server.url;
  }

  readonly #signIns: (() => Promise<void>)[] = [];

  principal(id: string, token: string): Principal {
    const p: Principal = { id, token, call: (name, input = {}) => call(this.url, name, input, p.token) };
    return p;
  }

  /** Moves the clock; sessions last 8 hours, so everyone signs in again afterwards. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    for (const signIn of this.#signIns) await signIn();
  }

  #remember(p: Principal, again: () => Promise<Principal>): Principal {
    this.#signIns.push(async () => {
      p.token = (await again()).token;
    });
    return p;
  }

  /** Each TOTP code works once, so the clock moves to the next 30-second step before every sign-in. */
  async staffLogin(username: string, secret: string): Promise<Principal> {
    this.clock.advance(30_000);
    const r = await call(this.url, 'staffLogin', {
      body: { username, password: PASSWORD, totp: totpCode(secret, this.clock.now()) },
    });
    if (r.status !== 201) throw new Error(`staff login failed: ${JSON.stringify(r.body)}`);
    return this.principal(r.body.id, r.body.token);
  }

  /** Signs in and keeps the credentials, so `advance` can sign in again. */
  async staffSession(username: string, secret: string): Promise<Principal> {
    return this.#remember(await this.staffLogin(username, secret), () => this.staffLogin(username, secret));
  }

  async officerLogin(email: string, secret: string): Promise<Principal> {
    this.clock.advance(30_000);
    const r = await call(this.url, 'officerLogin', {
      body: { email, password: PASSWORD, totp: totpCode(secret, this.clock.now()) },
    });
    if (r.status !== 201) throw new Error(`officer login failed: ${JSON.stringify(r.body)}`);
    return this.principal(r.body.id, r.body.token);
  }

  async officerSession(email: string, secret: string): Promise<Principal> {
    return this.#remember(await this.officerLogin(email, secret), () => this.officerLogin(email, secret));
  }

  async createStaff(username: string, roles: RouteInput<'createStaff'>['body']['roles']): Promise<Principal> {
    const r = await this.admin.call('createStaff', {
      body: { username, displayName: username, roles, password: PASSWORD },
    });
    if (r.status !== 201) throw new Error(`create staff failed: ${JSON.stringify(r.body)}`);
    return this.staffSession(username, r.body.totpSecret);
  }

  /** Registers an agency, has a second admin approve it, and signs in one officer of it. */
  async agencyWithOfficer(
    approver: Principal,
    agency: Readonly<{
      name: string;
      kind: 'police' | 'court';
      jurisdiction: string;
      domain: string;
      callback: string;
    }>,
    officerEmail: string,
  ): Promise<Readonly<{ agencyId: string; officer: Principal }>> {
    const created = await this.admin.call('createAgency', {
      body: {
        name: agency.name,
        kind: agency.kind,
        jurisdiction: agency.jurisdiction,
        emailDomains: [agency.domain],
        callbackNumber: agency.callback,
        callbackSource: 'official government directory, checked by phone',
      },
    });
    if (created.status !== 201) throw new Error(`create agency failed: ${JSON.stringify(created.body)}`);
    const agencyId = created.body.id;
    const approved = await approver.call('approveAgency', { params: { agencyId } });
    if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
    const officer = await this.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: officerEmail, name: 'Officer', password: PASSWORD },
    });
    if (officer.status !== 201) throw new Error(`create officer failed: ${JSON.stringify(officer.body)}`);
    return { agencyId, officer: await this.officerSession(officerEmail, officer.body.totpSecret) };
  }

  /**
   * The United States accepting requests (proposed by the admin, signed off by `signer`, in force four hours
   * later) and a signed-in officer of an approved FBI.
   */
  async acceptUnitedStates(
    signer: Principal,
    framework?: RouteInput<'proposePolicy'>['body']['framework'],
  ): Promise<Principal> {
    const proposed = await this.admin.call('proposePolicy', {
      body: {
        jurisdiction: 'US',
        effectiveFrom: '2026-04-01T12:00:00Z',
        status: 'ACCEPT',
        scope: 'both',
        emergencyRule: 'allow',
        ...(framework ? { framework } : {}),
        statement: 'Parley accepts lawful requests from the United States.',
      },
    });
    const signed = await signer.call('signOffPolicy', { params: { proposalId: proposed.body.id } });
    if (signed.status !== 200) throw new Error(`sign-off failed: ${JSON.stringify(signed.body)}`);
    await this.advance(4 * 3600_000);
    const { officer } = await this.agencyWithOfficer(
      signer,
      { name: 'FBI', kind: 'police', jurisdiction: 'US', domain: 'fbi.gov', callback: '+1 202 324 3000' },
      'agent.smith@fbi.gov',
    );
    return officer;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
