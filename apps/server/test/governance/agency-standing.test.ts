import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { call } from '../support/raw-client.ts';
import { registerMember, submission } from './members.ts';
import { GovWorld, PASSWORD, type Principal } from './support.ts';

let world: GovWorld;
let admin2: Principal;
let ivy: Principal;
let lena: Principal;

type Officer = Readonly<{ id: string; email: string; secret: string }>;

beforeAll(async () => {
  world = await GovWorld.start('2026-04-01T09:00:00Z');
  admin2 = await world.createStaff('quin', ['policy_admin']);
  ivy = await world.createStaff('ivy', ['intake']);
  lena = await world.createStaff('lena', ['legal_reviewer']);
  await registerMember(world.url, 'alice', 'US');
  await world.acceptUnitedStates(admin2);
});
afterAll(async () => world?.close());

async function approvedAgency(name: string, domain: string): Promise<string> {
  const created = await world.admin.call('createAgency', {
    body: {
      name,
      kind: 'police',
      jurisdiction: 'US',
      emailDomains: [domain],
      callbackNumber: '+1 212 555 0100',
      callbackSource: 'official government directory',
    },
  });
  expect(created.status).toBe(201);
  expect((await admin2.call('approveAgency', { params: { agencyId: created.body.id } })).status).toBe(200);
  return created.body.id;
}

async function newOfficer(agencyId: string, email: string): Promise<Officer> {
  const r = await world.admin.call('createOfficer', {
    params: { agencyId },
    body: { email, name: 'Officer', password: PASSWORD },
  });
  expect(r.status).toBe(201);
  return { id: r.body.id, email, secret: r.body.totpSecret };
}

function signIn(o: Officer) {
  world.clock.advance(30_000);
  return call(world.url, 'officerLogin', {
    body: { email: o.email, password: PASSWORD, totp: totpCode(o.secret, world.clock.now()) },
  });
}

async function session(o: Officer): Promise<Principal> {
  const r = await signIn(o);
  expect(r.status).toBe(201);
  return world.principal(o.id, r.body.token);
}

const change = (who: Principal, agencyId: string, action: 'suspend' | 'reinstate' | 'withdraw') =>
  who.call('setAgencyStanding', { params: { agencyId }, body: { action, reason: `${action}: test` } });

describe('suspending an agency', () => {
  let agencyId: string;
  let officer: Officer;
  let reference: string;
  let filer: Principal;

  beforeAll(async () => {
    agencyId = await approvedAgency('NYPD', 'nypd.gov');
    officer = await newOfficer(agencyId, 'det.kim@nypd.gov');
    filer = await session(officer);
    const filed = await filer.call('submitRequest', { body: submission() });
    expect(filed.status).toBe(201);
    reference = filed.body.reference;
  });

  it('is refused to staff without manage_agencies, and without a reason', async () => {
    const byIntake = await change(ivy, agencyId, 'suspend');
    expect(byIntake.status).toBe(403);
    expect(byIntake.body.error?.code).toBe('forbidden_role');
    const noReason = await world.admin.call('setAgencyStanding', {
      params: { agencyId },
      body: { action: 'suspend', reason: '   ' },
    });
    expect(noReason.body.error?.code).toBe('validation_failed');
    const nobody = await change(world.admin, 'A'.repeat(22), 'suspend');
    expect(nobody.body.error?.code).toBe('not_found');
  });

  it('ends the officers’ live sessions at once and refuses sign-in and filing with agency_suspended', async () => {
    const live = [filer, await session(officer)];
    expect((await live[0]?.call('listCases', { query: {} }))?.status).toBe(200);

    const suspended = await change(world.admin, agencyId, 'suspend');
    expect(suspended.status).toBe(200);
    expect(suspended.body.sessionsEnded).toBe(2);
    expect(suspended.body.agency).toMatchObject({
      standing: 'suspended',
      approved: false,
      standingReason: 'suspend: test',
    });

    for (const s of live) {
      expect((await s.call('listCases', { query: {} })).status).toBe(401);
      expect((await s.call('submitRequest', { body: submission() })).status).toBe(401);
    }
    const refused = await signIn(officer);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('agency_suspended');
    // A wrong password still gets the usual answer: the standing is told only to the real officer.
    world.clock.advance(30_000);
    const guess = await call(world.url, 'officerLogin', {
      body: { email: officer.email, password: 'not the password at all', totp: '000000' },
    });
    expect(guess.body.error?.code).toBe('invalid_credentials');

    const another = await world.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: 'new.one@nypd.gov', name: 'New', password: PASSWORD },
    });
    expect(another.body.error?.code).toBe('agency_suspended');
  });

  it('refuses a session that outlived the suspension by any other path, naming the standing', async () => {
    await change(admin2, agencyId, 'reinstate');
    const survivor = await session(officer);
    // As if the session had been opened by a sign-in that committed just after the suspension did.
    await world.server.context.db
      .updateTable('gov_agencies')
      .set({ suspended_at: world.clock.now() })
      .where('id', '=', agencyId)
      .execute();
    const r = await survivor.call('submitRequest', { body: submission() });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('agency_suspended');
  });

  it('shows staff the agency’s standing on its cases, never to the officer', async () => {
    const view = await lena.call('getCase', { params: { reference } });
    expect(view.body.agency).toEqual({ name: 'NYPD', standing: 'suspended' });
    const listed = await lena.call('listCases', { query: {} });
    expect(listed.body.cases?.find((c) => c.reference === reference)?.agency?.standing).toBe('suspended');
  });

  it('lists agencies with their standing and an agency’s officers, for policy admins only', async () => {
    const agencies = await world.admin.call('listAgencies');
    expect(agencies.body.agencies?.find((a) => a.id === agencyId)?.standing).toBe('suspended');
    const officers = await admin2.call('listOfficers', { params: { agencyId } });
    expect(officers.body.officers).toEqual([
      { id: officer.id, agencyId, email: officer.email, name: 'Officer', disabled: false, retired: false },
    ]);
    expect((await ivy.call('listOfficers', { params: { agencyId } })).body.error?.code).toBe(
      'forbidden_role',
    );
  });

  it('restores sign-in when reinstated, and refuses a change that does not fit the standing', async () => {
    const back = await change(admin2, agencyId, 'reinstate');
    expect(back.body.agency).toMatchObject({ standing: 'approved', approved: true });
    expect(back.body.sessionsEnded).toBe(0);
    const again = await session(officer);
    expect((await again.call('listCases', { query: {} })).status).toBe(200);
    const twice = await change(admin2, agencyId, 'reinstate');
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('invalid_standing_change');
  });

  it('keeps every change with its reason, who made it and when, oldest first', async () => {
    const history = await world.admin.call('agencyStandingHistory', { params: { agencyId } });
    expect(history.body.changes?.map((c) => [c.action, c.reason, c.changedBy])).toEqual([
      ['suspend', 'suspend: test', world.admin.id],
      ['reinstate', 'reinstate: test', admin2.id],
      ['reinstate', 'reinstate: test', admin2.id],
    ]);
    expect((await ivy.call('agencyStandingHistory', { params: { agencyId } })).body.error?.code).toBe(
      'forbidden_role',
    );
  });
});

describe('withdrawing an agency', () => {
  let agencyId: string;
  let officer: Officer;

  beforeAll(async () => {
    agencyId = await approvedAgency('Springfield PD', 'springfield.gov');
    officer = await newOfficer(agencyId, 'chief.wiggum@springfield.gov');
  });

  it('ends sessions, refuses sign-in with agency_withdrawn, and can never be reinstated or approved', async () => {
    const live = await session(officer);
    const withdrawn = await change(world.admin, agencyId, 'withdraw');
    expect(withdrawn.body).toMatchObject({
      sessionsEnded: 1,
      agency: { standing: 'withdrawn', approved: false },
    });
    expect((await live.call('listCases', { query: {} })).status).toBe(401);
    const refused = await signIn(officer);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('agency_withdrawn');

    for (const action of ['reinstate', 'suspend', 'withdraw'] as const) {
      const r = await change(admin2, agencyId, action);
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe('agency_withdrawn');
    }
    expect((await admin2.call('approveAgency', { params: { agencyId } })).body.error?.code).toBe(
      'agency_withdrawn',
    );
    const reset = await admin2.call('proposeTotpReset', {
      body: { person: { kind: 'officer', id: officer.id }, reason: 'lost phone' },
    });
    expect(reset.body.error?.code).toBe('agency_withdrawn');
  });

  it('lets the agency be registered again as a new record, its officer’s address free, the old one kept', async () => {
    const fresh = await approvedAgency('Springfield PD', 'springfield.gov');
    expect(fresh).not.toBe(agencyId);
    const rejoined = await newOfficer(fresh, officer.email);
    expect((await (await session(rejoined)).call('listCases', { query: {} })).status).toBe(200);

    const agencies = (await world.admin.call('listAgencies')).body.agencies ?? [];
    const springfield = agencies.filter((a) => a.name === 'Springfield PD').map((a) => a.standing);
    expect(springfield.sort()).toEqual(['approved', 'withdrawn']);
    const old = await world.admin.call('listOfficers', { params: { agencyId } });
    expect(old.body.officers?.map((o) => o.retired)).toEqual([true]);
  });

  it('writes every standing change, with who made it, to the audit trail', async () => {
    const rows = await world.server.context.db
      .selectFrom('gov_audit')
      .select(['actor', 'action'])
      .where('object', '=', `agency:${agencyId}`)
      .where('action', 'like', '%_agency%')
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { actor: `staff:${world.admin.id}`, action: 'create_agency' },
      { actor: `staff:${admin2.id}`, action: 'approve_agency' },
      { actor: `staff:${world.admin.id}`, action: 'withdraw_agency' },
      { actor: `staff:${admin2.id}`, action: 'reinstate_agency refused: agency_withdrawn' },
      { actor: `staff:${admin2.id}`, action: 'suspend_agency refused: agency_withdrawn' },
      { actor: `staff:${admin2.id}`, action: 'withdraw_agency refused: agency_withdrawn' },
      { actor: `staff:${admin2.id}`, action: 'approve_agency refused: agency_withdrawn' },
    ]);
  });
});
