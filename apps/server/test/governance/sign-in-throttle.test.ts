import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { type Answer, signInFrom } from './from-address.ts';
import { GovWorld, PASSWORD, type Principal } from './support.ts';

let world: GovWorld;
let admin2: Principal;

beforeAll(async () => {
  // Enough hashing slots that a burst of guesses meets the throttle, not the hashing cap.
  world = await GovWorld.start(undefined, { passwordHashConcurrency: 32 });
  admin2 = await world.createStaff('quin', ['policy_admin']);
});
afterAll(async () => world?.close());

let nextAddress = 2;
/** Each guess from a new loopback address: the per-address limit never sees the same source twice. */
const freshAddress = () => `127.0.0.${(nextAddress++ % 250) + 2}`;

async function newStaff(username: string): Promise<string> {
  const r = await world.admin.call('createStaff', {
    body: { username, displayName: username, roles: ['intake'], password: PASSWORD },
  });
  if (r.status !== 201) throw new Error(`create staff failed: ${JSON.stringify(r.body)}`);
  return r.body.totpSecret;
}

const staffGuess = (username: string, password = 'a wrong guess at the password', totp = '000000') =>
  signInFrom(world.url, freshAddress(), 'staffLogin', { username, password, totp });

/** Guesses until `failures` are answered 401, waiting out every 429 as a patient attacker would. */
async function failRepeatedly(guess: () => Promise<Answer>, failures: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.filter((a) => a.status === 401).length < failures) {
    const answer = await guess();
    answers.push(answer);
    if (answer.status === 429) world.clock.advance(Number(answer.retryAfter) * 1000);
  }
  return answers;
}

const refused = { status: 401, code: 'invalid_credentials', retryAfter: null };
const wait = (seconds: number) => ({ status: 429, code: 'sign_in_locked', retryAfter: String(seconds) });
/** Three failures answered at once, then waits doubling from 1 s to 64 s, then the tenth failure. */
const tenFailures = [
  refused,
  refused,
  refused,
  ...[1, 2, 4, 8, 16, 32, 64].flatMap((s) => [wait(s), refused]),
];

async function auditActions(object: string): Promise<string[]> {
  const rows = await world.server.context.db
    .selectFrom('gov_audit')
    .select('action')
    .where('object', '=', object)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('staff sign-in under a guessing attack', () => {
  it('backs off and then locks the account, whatever address each guess comes from', async () => {
    const secret = await newStaff('ivy');
    expect(await failRepeatedly(() => staffGuess('ivy'), 10)).toEqual(tenFailures);
    // Locked: even the right password and code are not checked until the lockout ends.
    const code = totpCode(secret, world.clock.now());
    expect(await staffGuess('ivy', PASSWORD, code)).toEqual(wait(900));
    world.clock.advance(900_000);
    const ok = await staffGuess('ivy', PASSWORD, totpCode(secret, world.clock.now()));
    expect(ok.status).toBe(201);
  });

  it('audits the lockout and the streak, not each guess', async () => {
    expect(await auditActions('staff:ivy')).toEqual([
      'create_staff',
      'sign_in_locked after 10 failures',
      'signed in after 10 failures',
      'staff_login',
    ]);
  });

  it('answers a name with no account exactly as it answers a real one', async () => {
    const answers = await failRepeatedly(() => staffGuess('nobody-at-all'), 10);
    expect(answers).toEqual(tenFailures);
    expect(await staffGuess('nobody-at-all')).toEqual(wait(900));
  });

  it('counts wrong authenticator codes with the right password', async () => {
    const secret = await newStaff('tom');
    const code = totpCode(secret, world.clock.now());
    const wrong = code === '000000' ? '111111' : '000000';
    const guesses = await failRepeatedly(() => staffGuess('tom', PASSWORD, wrong), 3);
    expect(guesses).toEqual([refused, refused, refused]);
    expect(await staffGuess('tom', PASSWORD, code)).toEqual(wait(1));
  });

  it('lets no burst of simultaneous guesses through the open window', async () => {
    await newStaff('una');
    const burst = await Promise.all(Array.from({ length: 20 }, () => staffGuess('una')));
    expect(burst.filter((a) => a.status === 401)).toHaveLength(3);
    expect(burst.filter((a) => a.code === 'sign_in_locked')).toHaveLength(17);
  });

  it('keeps one account’s lockout from touching another', async () => {
    const secret = await newStaff('vic');
    await failRepeatedly(() => staffGuess('una'), 2);
    const ok = await staffGuess('vic', PASSWORD, totpCode(secret, world.clock.now()));
    expect(ok.status).toBe(201);
  });
});

describe('officer sign-in under a guessing attack', () => {
  it('backs off an officer’s e-mail the same way', async () => {
    await world.agencyWithOfficer(
      admin2,
      { name: 'Garda', kind: 'police', jurisdiction: 'IE', domain: 'garda.ie', callback: '+353 1 666 0000' },
      'sgt.byrne@garda.ie',
    );
    const guess = () =>
      signInFrom(world.url, freshAddress(), 'officerLogin', {
        email: 'sgt.byrne@garda.ie',
        password: 'a wrong guess at the password',
        totp: '000000',
      });
    expect(await failRepeatedly(guess, 4)).toEqual([refused, refused, refused, wait(1), refused]);
    expect(await guess()).toEqual(wait(2));
  });
});
