import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/start.ts';
import { GovWorld, PASSWORD, type Principal } from './support.ts';

let world: GovWorld;
let admin2: Principal;

beforeAll(async () => {
  world = await GovWorld.start();
  admin2 = await world.createStaff('quin', ['policy_admin']);
});
afterAll(async () => world?.close());

describe('passwords set for staff and officers', () => {
  it('refuses twelve spaces and a common password for a new staff member, with the reason', async () => {
    for (const [password, why] of [
      ['            ', /only spaces/],
      ['password1234', /commonly used password/],
    ] as const) {
      const r = await world.admin.call('createStaff', {
        body: { username: 'weak', displayName: 'Weak', roles: ['intake'], password },
      });
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('weak_password');
      expect(r.body.error?.message).toMatch(why);
    }
    const listed = await world.admin.call('listStaff');
    expect(listed.body.staff.map((s) => s.username)).not.toContain('weak');
  });

  it('refuses an officer password made of the officer’s own e-mail address', async () => {
    const { agencyId } = await world.agencyWithOfficer(
      admin2,
      {
        name: 'Polisen',
        kind: 'police',
        jurisdiction: 'SE',
        domain: 'polisen.se',
        callback: '+46 77 114 14 00',
      },
      'first@polisen.se',
    );
    const r = await world.admin.call('createOfficer', {
      params: { agencyId },
      body: { email: 'anna.berg@polisen.se', name: 'Anna Berg', password: 'anna.berg@polisen.se' },
    });
    expect(r.body.error?.code).toBe('weak_password');
    expect(r.body.error?.message).toMatch(/own name, e-mail/);
  });

  it('refuses a weak first admin at `parley admin init` too, and creates nobody', async () => {
    const server = await startServer({ governanceSweepIntervalMs: 0 });
    try {
      const registry = server.context.governance.registry;
      const admin = { username: 'root', displayName: 'Root' };
      await expect(registry.initFirstAdmin({ ...admin, password: '111111111111' })).rejects.toMatchObject({
        code: 'weak_password',
      });
      expect((await registry.initFirstAdmin({ ...admin, password: PASSWORD })).username).toBe('root');
    } finally {
      await server.close();
    }
  });
});
