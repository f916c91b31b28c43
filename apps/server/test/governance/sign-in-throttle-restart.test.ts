import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { createServer, type ParleyServer, type ServerConfig } from '../../src/index.ts';
import { totpCode } from '../../src/modules/gov-access/totp.ts';
import { signInFrom } from './from-address.ts';
import { PASSWORD } from './support.ts';

// The same database for every server of this file: a PGlite directory, or one PostgreSQL schema.
const url = process.env.PARLEY_TEST_DATABASE_URL;
const schema = `t_${randomBytes(6).toString('hex')}`;
const dataDir = url ? undefined : await mkdtemp(join(tmpdir(), 'parley-throttle-'));
const database: Partial<ServerConfig> = url ? { databaseUrl: url, databaseSchema: schema } : { dataDir };
const clock = new ManualClock('2026-04-01T09:00:00Z');

const start = (): Promise<ParleyServer> =>
  createServer({ port: 0, host: '127.0.0.1', clock, governanceSweepIntervalMs: 0, ...database });

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

describe('the sign-in lockout', () => {
  it('survives a restart of the server, so a crash or a redeploy hands out no fresh guesses', async () => {
    const first = await start();
    const { totpSecret } = await first.context.governance.registry.initFirstAdmin({
      username: 'pat',
      displayName: 'Pat Admin',
      password: PASSWORD,
    });
    let failures = 0;
    while (failures < 10) {
      const answer = await signInFrom(first.url, '127.0.0.2', 'staffLogin', {
        username: 'pat',
        password: 'a wrong guess at the password',
        totp: '000000',
      });
      if (answer.status === 401) failures += 1;
      else clock.advance(Number(answer.retryAfter) * 1000);
    }
    await first.close();

    const second = await start();
    try {
      const right = { username: 'pat', password: PASSWORD, totp: totpCode(totpSecret, clock.now()) };
      const locked = await signInFrom(second.url, '127.0.0.3', 'staffLogin', right);
      expect(locked).toEqual({ status: 429, code: 'sign_in_locked', retryAfter: '900' });
    } finally {
      await second.close();
    }
  });
});
