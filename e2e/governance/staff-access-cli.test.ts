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

const Listed = z.object({ id: z.string(), username: z.string() });
const State = z.object({
  kind: z.string(),
  id: z.string(),
  disabled: z.boolean(),
  sessionsEnded: z.number(),
});

/** Signs in through the CLI with the current code (the clock moves on so each code is fresh). */
function login(username: string) {
  world.clock.advance(30_000);
  const code = totpCode(world.secrets[username] ?? '', world.clock.now());
  return runParley(
    world.url,
    join(home, username),
    ['staff', 'login', username, '--code', code],
    `${PASSWORD}\n`,
  );
}

beforeAll(async () => {
  world = await startGovWorld();
  home = await mkdtemp(join(tmpdir(), 'parley-staff-access-'));
  cli = parleyAt(world.url, home);
});
afterAll(async () => {
  await world?.server.close();
  await rm(home, { recursive: true, force: true });
});

describe('parley staff disable / enable / end-sessions', () => {
  it('takes a staff member out at once and lets a policy admin bring them back', async () => {
    expect((await login('pat')).code).toBe(0);
    expect((await login('ivy')).code).toBe(0);
    const listed = (await cli.json('pat', ['staff', 'list'])).map((row) => Listed.parse(row));
    const ivyId = listed.find((s) => s.username === 'ivy')?.id ?? '';

    const [disabled] = await cli.json('pat', ['staff', 'disable', ivyId]);
    expect(State.parse(disabled)).toEqual({ kind: 'staff', id: ivyId, disabled: true, sessionsEnded: 2 });
    const queue = await cli.raw('ivy', ['staff', 'queue']);
    expect(queue.code).not.toBe(0);
    expect(queue.stderr).toMatch(/unauthenticated/);
    const refused = await login('ivy');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/account_disabled/);

    expect(await cli.run('pat', ['staff', 'enable', ivyId])).toBe(
      `staff ${ivyId}: enabled, 0 session(s) ended.`,
    );
    expect((await login('ivy')).code).toBe(0);
    const [ended] = await cli.json('pat', ['staff', 'end-sessions', ivyId]);
    expect(State.parse(ended)).toMatchObject({ disabled: false, sessionsEnded: 1 });
    expect((await cli.raw('ivy', ['staff', 'queue'])).code).not.toBe(0);
    // Twelve CLI processes, each starting Node and tsx: minutes on a busy machine.
  }, 300_000);
});
