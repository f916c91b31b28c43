import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { call } from '../support/raw-client.ts';
import { GovWorld, PASSWORD, type Principal } from './support.ts';

let world: GovWorld;
let quin: Principal;
let ivySecret: string;
let ivyId: string;

beforeAll(async () => {
  world = await GovWorld.start();
  quin = await world.createStaff('quin', ['policy_admin']);
  const created = await world.admin.call('createStaff', {
    body: { username: 'ivy', displayName: 'Ivy', roles: ['intake'], password: PASSWORD },
  });
  ivySecret = created.body.totpSecret;
  ivyId = created.body.id;
});
afterAll(async () => world?.close());

function ivySignIn(secret: string) {
  world.clock.advance(30_000);
  return call(world.url, 'staffLogin', {
    body: { username: 'ivy', password: PASSWORD, totp: totpCode(secret, world.clock.now()) },
  });
}

const propose = (who: Principal, kind: 'staff' | 'officer', id: string, reason = 'phone lost, ticket 4711') =>
  who.call('proposeTotpReset', { body: { person: { kind, id }, reason } });

describe('resetting a lost authenticator takes two policy admins', () => {
  it('is refused to staff without the admin rights, and to a proposal without a reason', async () => {
    const ivy = world.principal(ivyId, (await ivySignIn(ivySecret)).body.token);
    const byIntake = await propose(ivy, 'staff', quin.id);
    expect(byIntake.status).toBe(403);
    expect(byIntake.body.error?.code).toBe('forbidden_role');
    expect((await ivy.call('listTotpResets')).body.error?.code).toBe('forbidden_role');
    const noReason = await propose(world.admin, 'staff', ivyId, '  ');
    expect(noReason.body.error?.code).toBe('validation_failed');
    expect((await propose(world.admin, 'staff', 'A'.repeat(22))).body.error?.code).toBe('not_found');
  });

  it('never lets an admin confirm their own proposal, and gives the new secret to the second admin', async () => {
    const live = world.principal(ivyId, (await ivySignIn(ivySecret)).body.token);
    const proposed = await propose(world.admin, 'staff', ivyId);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ state: 'pending', personName: 'ivy', proposedBy: world.admin.id });
    const resetId = proposed.body.id;

    const twice = await propose(quin, 'staff', ivyId);
    expect(twice.body.error?.code).toBe('totp_reset_pending');
    expect(twice.body.error?.details).toEqual({ resetId });

    const own = await world.admin.call('confirmTotpReset', { params: { resetId } });
    expect(own.status).toBe(409);
    expect(own.body.error?.code).toBe('self_approval');
    // Ivy still works until a second admin confirms.
    expect((await live.call('listCases', { query: {} })).status).toBe(200);

    const confirmed = await quin.call('confirmTotpReset', { params: { resetId } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.reset).toMatchObject({ state: 'confirmed', closedBy: quin.id });
    expect(confirmed.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(confirmed.body.otpauthUri).toContain('otpauth://totp/');
    expect((await live.call('listCases', { query: {} })).status).toBe(401);

    expect((await ivySignIn(ivySecret)).body.error?.code).toBe('invalid_credentials');
    const fresh = confirmed.body.totpSecret;
    expect(fresh).not.toBe(ivySecret);
    expect((await ivySignIn(fresh ?? '')).status).toBe(201);
    ivySecret = fresh ?? '';

    const again = await quin.call('confirmTotpReset', { params: { resetId } });
    expect(again.body.error?.code).toBe('totp_reset_closed');
    expect(again.body.error?.details).toEqual({ state: 'confirmed' });
  });

  it('never resets an admin’s own authenticator, whether proposing or confirming', async () => {
    const self = await propose(world.admin, 'staff', world.admin.id);
    expect(self.body.error?.code).toBe('own_totp_reset');
    const forPat = await propose(quin, 'staff', world.admin.id);
    expect(forPat.status).toBe(201);
    const byPat = await world.admin.call('confirmTotpReset', { params: { resetId: forPat.body.id } });
    expect(byPat.body.error?.code).toBe('own_totp_reset');
    const cancelled = await quin.call('cancelTotpReset', { params: { resetId: forPat.body.id } });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', closedBy: quin.id });
    const late = await world.admin.call('confirmTotpReset', { params: { resetId: forPat.body.id } });
    expect(late.body.error?.code).toBe('own_totp_reset');
  });

  it('lets a cancelled proposal never be confirmed', async () => {
    const proposed = await propose(quin, 'staff', ivyId);
    const cancelled = await world.admin.call('cancelTotpReset', { params: { resetId: proposed.body.id } });
    expect(cancelled.body.state).toBe('cancelled');
    const r = await world.admin.call('confirmTotpReset', { params: { resetId: proposed.body.id } });
    expect(r.body.error?.code).toBe('totp_reset_closed');
    expect(r.body.error?.details).toEqual({ state: 'cancelled' });
    expect((await ivySignIn(ivySecret)).status).toBe(201);
  });

  it('lets an officer’s proposal lapse after 24 hours: it cannot be confirmed, a new one can be made', async () => {
    const agency = await world.admin.call('createAgency', {
      body: {
        name: 'Politie',
        kind: 'police',
        jurisdiction: 'NL',
        emailDomains: ['politie.nl'],
        callbackNumber: '+31 900 8844',
        callbackSource: 'official government directory',
      },
    });
    const agencyId = agency.body.id;
    await quin.call('approveAgency', { params: { agencyId } });
    const officer = await world.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: 'j.devries@politie.nl', name: 'J. de Vries', password: PASSWORD },
    });
    const proposed = await propose(world.admin, 'officer', officer.body.id);
    expect(proposed.body.personName).toBe('j.devries@politie.nl');

    await world.advance(24 * 3600_000 + 60_000);
    const expired = await quin.call('confirmTotpReset', { params: { resetId: proposed.body.id } });
    expect(expired.status).toBe(409);
    expect(expired.body.error?.code).toBe('totp_reset_closed');
    expect(expired.body.error?.details).toEqual({ state: 'expired' });

    const listed = await quin.call('listTotpResets');
    expect(listed.body.resets?.find((r) => r.id === proposed.body.id)?.state).toBe('expired');
    const renewed = await propose(quin, 'officer', officer.body.id);
    expect(renewed.status).toBe(201);
    const confirmed = await world.admin.call('confirmTotpReset', { params: { resetId: renewed.body.id } });
    expect(confirmed.body.reset?.state).toBe('confirmed');
    world.clock.advance(30_000);
    const signIn = await call(world.url, 'officerLogin', {
      body: {
        email: 'j.devries@politie.nl',
        password: PASSWORD,
        totp: totpCode(confirmed.body.totpSecret ?? '', world.clock.now()),
      },
    });
    expect(signIn.status).toBe(201);
  });

  it('writes both steps, and every refusal, to the audit trail', async () => {
    const rows = await world.server.context.db
      .selectFrom('gov_audit')
      .select(['actor', 'action'])
      .where('action', 'like', '%totp_reset%')
      .where('object', '=', `staff:${ivyId}`)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'propose_totp_reset',
      'propose_totp_reset refused: totp_reset_pending',
      'propose_totp_reset',
    ]);
    const confirmations = await world.server.context.db
      .selectFrom('gov_audit')
      .select(['actor', 'action'])
      .where('action', 'like', 'confirm_totp_reset%')
      .orderBy('seq')
      .execute();
    expect(confirmations[0]).toEqual({
      actor: `staff:${world.admin.id}`,
      action: 'confirm_totp_reset refused: self_approval',
    });
    expect(confirmations[1]).toEqual({ actor: `staff:${quin.id}`, action: 'confirm_totp_reset' });
  });
});
