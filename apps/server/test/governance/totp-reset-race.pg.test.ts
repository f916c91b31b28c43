import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTotpSecret, totpCode } from '../../src/modules/gov-access/totp.ts';
import { call } from '../support/raw-client.ts';
import { GovWorld, PASSWORD } from './support.ts';

let world: GovWorld;
let ivyId: string;
let ivySecret: string;

beforeAll(async () => {
  world = await GovWorld.start();
  const created = await world.admin.call('createStaff', {
    body: { username: 'ivy', displayName: 'Ivy', roles: ['intake'], password: PASSWORD },
  });
  ivyId = created.body.id;
  ivySecret = created.body.totpSecret;
});
afterAll(async () => world?.close());

/**
 * A sign-in with the old authenticator that races the confirmation of a reset: it read the old secret before
 * the confirmation committed, and spends its code after. It must not open a session the reset cannot end.
 */
it('opens no session with the old authenticator when a reset commits while the sign-in is under way', async () => {
  world.clock.advance(30_000);
  let settled = false;
  let signIn: ReturnType<typeof call<'staffLogin'>> | undefined;
  await world.server.context.db.transaction().execute(async (tx) => {
    // What a confirmation writes first: the new secret, on the person's row (held locked until commit).
    await sql`update gov_staff set totp_secret = ${newTotpSecret()} where id = ${ivyId}`.execute(tx);
    signIn = call(world.url, 'staffLogin', {
      body: { username: 'ivy', password: PASSWORD, totp: totpCode(ivySecret, world.clock.now()) },
    });
    void signIn.finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // The sign-in checked the old code against the committed (old) secret and now waits on the row.
    expect(settled).toBe(false);
  });
  const answer = await signIn;
  expect(answer?.status).toBe(401);
  expect(answer?.body.error?.code).toBe('invalid_credentials');
});
