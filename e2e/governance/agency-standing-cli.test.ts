import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '@parley/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parleyAt, runParley } from '../parley-cli.ts';
import { PASSWORD, startGovWorld } from './gov-driver.ts';

let world: Awaited<ReturnType<typeof startGovWorld>>;
let home: string;
let cli: ReturnType<typeof parleyAt>;

const AgencyRow = z.object({ id: z.string(), name: z.string(), standing: z.string() });
const Changed = z.object({ agency: AgencyRow, sessionsEnded: z.number() });
const Reset = z.object({ id: z.string(), state: z.string() });
const Confirmed = z.object({ reset: Reset, totpSecret: z.string(), sessionsEnded: z.number() });
const HistoryRow = z.object({ action: z.string(), reason: z.string() });
const StaffRow = z.object({ id: z.string(), username: z.string() });

/** Signs in through the CLI with the current code (the clock moves on so each code is fresh). */
function login(kind: 'staff' | 'officer', name: string, secret = world.secrets[name] ?? '') {
  world.clock.advance(30_000);
  const code = totpCode(secret, world.clock.now());
  return runParley(world.url, join(home, name), [kind, 'login', name, '--code', code], `${PASSWORD}\n`);
}

beforeAll(async () => {
  world = await startGovWorld();
  home = await mkdtemp(join(tmpdir(), 'parley-agency-standing-'));
  cli = parleyAt(world.url, home);
});
afterAll(async () => {
  await world?.server.close();
  await rm(home, { recursive: true, force: true });
});

const FBI = 'agent.smith@fbi.gov';

// Ids are base64url and may begin with '-': they go after '--', as the README says, or the parser takes them
// for options.
describe('parley staff agency / officers / totp-reset', () => {
  it('suspends an agency with a reason, signs its officer out, and reinstates it', async () => {
    expect((await login('staff', 'pat')).code).toBe(0);
    expect((await login('officer', FBI)).code).toBe(0);
    const agencies = (await cli.json('pat', ['staff', 'agency', 'list'])).map((r) => AgencyRow.parse(r));
    const fbi = agencies.find((a) => a.name === 'FBI');
    expect(fbi?.standing).toBe('approved');
    const id = fbi?.id ?? '';

    const noReason = await cli.raw('pat', ['staff', 'agency', 'suspend', '--', id]);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);

    const [suspended] = await cli.json('pat', [
      'staff',
      'agency',
      'suspend',
      '--reason',
      'forged orders',
      '--',
      id,
    ]);
    const change = Changed.parse(suspended);
    expect(change.agency.standing).toBe('suspended');
    expect(change.sessionsEnded).toBeGreaterThanOrEqual(1);

    const status = await cli.raw(FBI, ['officer', 'status']);
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(/unauthenticated/);
    const refused = await login('officer', FBI);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/agency_suspended/);

    const officers = await cli.run('pat', ['staff', 'officers', '--', id]);
    expect(officers).toMatch(/active\s+agent\.smith@fbi\.gov/);

    expect(
      await cli.run('pat', ['staff', 'agency', 'reinstate', '--reason', 'checked with the FBI', '--', id]),
    ).toBe(`FBI (${id}): approved, 0 officer session(s) ended.`);
    expect((await login('officer', FBI)).code).toBe(0);

    await cli.run('pat', ['staff', 'agency', 'withdraw', '--reason', 'agreement ended', '--', id]);
    const history = await cli.json('pat', ['staff', 'agency', 'history', '--', id]);
    expect(history.map((c) => HistoryRow.parse(c)).map((c) => `${c.action}: ${c.reason}`)).toEqual([
      'suspend: forged orders',
      'reinstate: checked with the FBI',
      'withdraw: agreement ended',
    ]);
    const again = await cli.raw('pat', ['staff', 'agency', 'reinstate', '--reason', 'try', '--', id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/agency_withdrawn/);
  }, 300_000);

  it('resets a lost authenticator only with a second admin, who gets the new secret', async () => {
    expect((await login('staff', 'quin')).code).toBe(0);
    const staff = (await cli.json('pat', ['staff', 'list'])).map((r) => StaffRow.parse(r));
    const ivyId = staff.find((s) => s.username === 'ivy')?.id ?? '';

    const [proposed] = await cli.json('pat', [
      'staff',
      'totp-reset',
      'propose',
      '--reason',
      'lost phone',
      '--',
      ivyId,
    ]);
    const resetId = Reset.parse(proposed).id;
    const own = await cli.raw('pat', ['staff', 'totp-reset', 'confirm', '--', resetId]);
    expect(own.code).not.toBe(0);
    expect(own.stderr).toMatch(/self_approval/);
    expect(await cli.run('quin', ['staff', 'totp-reset', 'list'])).toMatch(/pending\s+staff ivy/);

    const [confirmed] = await cli.json('quin', ['staff', 'totp-reset', 'confirm', '--', resetId]);
    const done = Confirmed.parse(confirmed);
    expect(done.reset.state).toBe('confirmed');
    expect((await login('staff', 'ivy')).stderr).toMatch(/invalid_credentials/);
    expect((await login('staff', 'ivy', done.totpSecret)).code).toBe(0);
  }, 300_000);
});
