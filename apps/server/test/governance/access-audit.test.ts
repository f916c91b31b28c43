import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { call } from '../support/raw-client.ts';
import { GovWorld, PASSWORD, type Principal } from './support.ts';

let world: GovWorld;
let admin2: Principal;
let auditor: Principal;

beforeAll(async () => {
  world = await GovWorld.start();
  admin2 = await world.createStaff('quin', ['policy_admin']);
  auditor = await world.createStaff('aud', ['auditor']);
});
afterAll(async () => world?.close());

describe('staff and officer access', () => {
  it('stores an argon2id hash and never the password', async () => {
    const row = await world.server.context.db
      .selectFrom('gov_staff')
      .select('password_hash')
      .where('username', '=', 'pat')
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('refuses a wrong password, a wrong code and a replayed code, all alike', async () => {
    const secret = (
      await world.admin.call('createStaff', {
        body: { username: 'ivy', displayName: 'Ivy', roles: ['intake'], password: PASSWORD },
      })
    ).body.totpSecret;
    world.clock.advance(30_000);
    const code = totpCode(secret, world.clock.now());
    const wrongPassword = await call(world.url, 'staffLogin', {
      body: { username: 'ivy', password: 'not the password', totp: code },
    });
    const wrongCode = await call(world.url, 'staffLogin', {
      body: { username: 'ivy', password: PASSWORD, totp: code === '000000' ? '111111' : '000000' },
    });
    const ok = await call(world.url, 'staffLogin', {
      body: { username: 'ivy', password: PASSWORD, totp: code },
    });
    const replay = await call(world.url, 'staffLogin', {
      body: { username: 'ivy', password: PASSWORD, totp: code },
    });
    expect([wrongPassword.status, wrongCode.status, ok.status, replay.status]).toEqual([401, 401, 201, 401]);
    expect(replay.body.error?.code).toBe('invalid_credentials');
    expect(ok.body.roles).toEqual(['intake']);
  });

  it('keeps staff, officer and member sessions apart, and roles to their rights', async () => {
    const listed = await auditor.call('listStaff');
    expect(listed.status).toBe(403);
    expect(listed.body.error?.code).toBe('forbidden_role');
    const { officer } = await world.agencyWithOfficer(
      admin2,
      {
        name: 'Metropolitan Police',
        kind: 'police',
        jurisdiction: 'GB',
        domain: 'met.police.uk',
        callback: '+44 20 7230 1212',
      },
      'dc.jones@met.police.uk',
    );
    expect((await officer.call('listStaff')).status).toBe(401);
    expect(
      (await call(world.url, 'getAccount', { params: { username: 'alice' } }, officer.token)).status,
    ).toBe(401);
  });

  it('needs a second admin to approve an agency and a verified domain for its officers', async () => {
    const created = await world.admin.call('createAgency', {
      body: {
        name: 'Hong Kong Police Force',
        kind: 'police',
        jurisdiction: 'HK',
        emailDomains: ['police.gov.hk'],
        callbackNumber: '+852 2860 2000',
        callbackSource: 'HKPF public directory',
      },
    });
    const agencyId = created.body.id;
    const early = await world.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: 'x@police.gov.hk', name: 'X', password: PASSWORD },
    });
    expect(early.body.error?.code).toBe('agency_not_approved');
    const self = await world.admin.call('approveAgency', { params: { agencyId } });
    expect(self.body.error?.code).toBe('self_approval');
    expect((await admin2.call('approveAgency', { params: { agencyId } })).body.approved).toBe(true);
    const forged = await world.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: 'x@police-gov-hk.com', name: 'X', password: PASSWORD },
    });
    expect(forged.body.error?.code).toBe('email_domain_not_verified');
  });

  it('refuses role combinations that break separation of duties', async () => {
    const r = await world.admin.call('createStaff', {
      body: {
        username: 'mix',
        displayName: 'Mix',
        roles: ['policy_admin', 'legal_reviewer'],
        password: PASSWORD,
      },
    });
    expect(r.body.error?.code).toBe('invalid_roles');
  });
});

describe('the audit trail', () => {
  it('records reads, writes and refusals, and auditors alone read it', async () => {
    const page = await auditor.call('readAudit', { query: { after: 0, limit: 1000 } });
    expect(page.status).toBe(200);
    const actions = page.body.events.map((e) => e.action);
    expect(actions).toContain('create_staff');
    expect(actions).toContain('list_staff refused: forbidden_role');
    // Guesses leave no event each; the streak ivy ended by signing in is one event with its count.
    expect(actions).not.toContain('staff_login refused: invalid_credentials');
    expect(actions).toContain('signed in after 2 failures');
    expect(actions).toContain('approve_agency refused: self_approval');
    expect((await world.admin.call('readAudit', { query: {} })).status).toBe(403);
    expect((await auditor.call('verifyAudit')).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('refuses to change a past event, and names the first broken link when one is forced', async () => {
    const db = world.server.context.db;
    await expect(sql`update gov_audit set actor = 'staff:nobody' where seq = 3`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from gov_audit where seq = 3`.execute(db)).rejects.toThrow(/append-only/);
    // An attacker with the database owner's rights can switch the trigger off; the chain still tells.
    await sql`alter table gov_audit disable trigger gov_audit_append_only`.execute(db);
    await sql`update gov_audit set object = 'staff:someone-else' where seq = 3`.execute(db);
    await sql`alter table gov_audit enable trigger gov_audit_append_only`.execute(db);
    const check = await auditor.call('verifyAudit');
    expect(check.body).toMatchObject({ ok: false, firstBrokenSeq: 3, checked: 2 });
  });
});
