import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { call } from '../support/raw-client.ts';
import { GovWorld, PASSWORD, type Principal } from './support.ts';

let world: GovWorld;
let admin2: Principal;
let ivySecret: string;
let ivyId: string;

beforeAll(async () => {
  world = await GovWorld.start();
  admin2 = await world.createStaff('quin', ['policy_admin']);
  const created = await world.admin.call('createStaff', {
    body: { username: 'ivy', displayName: 'Ivy', roles: ['intake'], password: PASSWORD },
  });
  ivySecret = created.body.totpSecret;
  ivyId = created.body.id;
});
afterAll(async () => world?.close());

async function ivySignIn(password = PASSWORD) {
  world.clock.advance(30_000);
  return call(world.url, 'staffLogin', {
    body: { username: 'ivy', password, totp: totpCode(ivySecret, world.clock.now()) },
  });
}

describe('taking a staff member’s access away', () => {
  it('ends every session at once when disabled, and refuses sign-in with a clear code', async () => {
    const sessions = [await ivySignIn(), await ivySignIn()].map((r) => world.principal(ivyId, r.body.token));
    expect((await sessions[0]?.call('listCases', { query: {} }))?.status).toBe(200);

    const disabled = await world.admin.call('setStaffAccess', {
      params: { staffId: ivyId },
      body: { disabled: true },
    });
    expect(disabled.body).toEqual({ kind: 'staff', id: ivyId, disabled: true, sessionsEnded: 2 });
    for (const s of sessions) expect((await s.call('listCases', { query: {} })).status).toBe(401);

    const refused = await ivySignIn();
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('account_disabled');
    // Without the right password the answer is the usual one: disabling reveals nothing to a guesser.
    expect((await ivySignIn('not ivy’s password at all')).body.error?.code).toBe('invalid_credentials');
  });

  it('lets a policy admin re-enable the account', async () => {
    const enabled = await admin2.call('setStaffAccess', {
      params: { staffId: ivyId },
      body: { disabled: false },
    });
    expect(enabled.body).toMatchObject({ disabled: false });
    expect((await ivySignIn()).status).toBe(201);
  });

  it('ends all of a person’s sessions without disabling them', async () => {
    const ivy = world.principal(ivyId, (await ivySignIn()).body.token);
    const ended = await world.admin.call('endStaffSessions', { params: { staffId: ivyId } });
    expect(ended.body).toMatchObject({ disabled: false });
    expect(ended.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await ivy.call('listCases', { query: {} })).status).toBe(401);
    expect((await ivySignIn()).status).toBe(201);
  });

  it('is for policy admins only, never on oneself, and names an unknown person', async () => {
    const intake = world.principal(ivyId, (await ivySignIn()).body.token);
    const byIntake = await intake.call('setStaffAccess', {
      params: { staffId: admin2.id },
      body: { disabled: true },
    });
    expect(byIntake.body.error?.code).toBe('forbidden_role');
    const self = await world.admin.call('setStaffAccess', {
      params: { staffId: world.admin.id },
      body: { disabled: true },
    });
    expect(self.body.error?.code).toBe('self_revocation');
    const nobody = await world.admin.call('endStaffSessions', { params: { staffId: 'A'.repeat(22) } });
    expect(nobody.body.error?.code).toBe('not_found');
  });

  it('writes each change to the audit trail with who did it', async () => {
    const rows = await world.server.context.db
      .selectFrom('gov_audit')
      .select(['actor', 'action'])
      .where('object', '=', `staff:${ivyId}`)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { actor: `staff:${world.admin.id}`, action: 'disable_staff' },
      { actor: `staff:${admin2.id}`, action: 'enable_staff' },
      { actor: `staff:${world.admin.id}`, action: 'end_sessions' },
    ]);
  });
});

describe('taking an officer’s access away', () => {
  it('ends the officer’s session and refuses sign-in until re-enabled', async () => {
    const created = await world.admin.call('createAgency', {
      body: {
        name: 'Politie',
        kind: 'police',
        jurisdiction: 'NL',
        emailDomains: ['politie.nl'],
        callbackNumber: '+31 900 8844',
        callbackSource: 'official government directory',
      },
    });
    const agencyId = created.body.id;
    await admin2.call('approveAgency', { params: { agencyId } });
    const officer = await world.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: 'j.devries@politie.nl', name: 'J. de Vries', password: PASSWORD },
    });
    const officerId = officer.body.id;
    const signIn = () => {
      world.clock.advance(30_000);
      const totp = totpCode(officer.body.totpSecret, world.clock.now());
      return call(world.url, 'officerLogin', {
        body: { email: 'j.devries@politie.nl', password: PASSWORD, totp },
      });
    };
    const session = world.principal(officerId, (await signIn()).body.token);
    expect((await session.call('listCases', { query: {} })).status).toBe(200);

    const off = await world.admin.call('setOfficerAccess', {
      params: { officerId },
      body: { disabled: true },
    });
    expect(off.body).toEqual({ kind: 'officer', id: officerId, disabled: true, sessionsEnded: 1 });
    expect((await session.call('listCases', { query: {} })).status).toBe(401);
    expect((await signIn()).body.error?.code).toBe('account_disabled');

    await world.admin.call('setOfficerAccess', { params: { officerId }, body: { disabled: false } });
    const again = world.principal(officerId, (await signIn()).body.token);
    expect((await world.admin.call('endOfficerSessions', { params: { officerId } })).body.sessionsEnded).toBe(
      1,
    );
    expect((await again.call('listCases', { query: {} })).status).toBe(401);
  });
});
