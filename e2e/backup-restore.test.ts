import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, initFirstPolicyAdmin, type ParleyServer, totpCode } from '@parley/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, RawDevice } from '../apps/server/test/support/raw-client.ts';
import { runParley } from './parley-cli.ts';

const password = 'a backup must bring back every staff member 7';

const serve = (dataDir: string) =>
  createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logSequenceIntervalMs: 0,
    governanceSweepIntervalMs: 0,
  });

// Always on the embedded database, in both CI passes; PostgreSQL deployments back up with pg_dump (README).
describe('parley backup and parley restore', () => {
  let home = '';
  let server: ParleyServer | undefined;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'parley-backup-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('brings back a registration and a staff member, with the same log, in a fresh directory', async () => {
    const original = join(home, 'original');
    const restored = join(home, 'restored');
    const file = join(home, 'parley.backup');
    const admin = await initFirstPolicyAdmin(
      { dataDir: original },
      { username: 'root', displayName: 'Root', password },
    );
    server = await serve(original);
    const alice = await RawDevice.register(server.url, 'alice');
    await server.context.transparencyLog.sequence();
    const checkpoint = await (await fetch(`${server.url}/log/checkpoint`)).text();

    const whileRunning = await runParley(server.url, join(home, 'cli'), [
      'backup',
      '--data',
      original,
      '--out',
      file,
    ]);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toContain(`is using ${original}: stop it before you back it up`);

    await server.close();
    server = undefined;
    const backup = await runParley('', join(home, 'cli'), ['backup', '--data', original, '--out', file]);
    expect(backup, backup.stderr).toMatchObject({ code: 0 });
    const restore = await runParley('', join(home, 'cli'), ['restore', '--data', restored, '--from', file]);
    expect(restore, restore.stderr).toMatchObject({ code: 0 });
    const again = await runParley('', join(home, 'cli'), ['restore', '--data', restored, '--from', file]);
    expect(again.stderr).toContain('is not empty');

    server = await serve(restored);
    expect((await alice.at(server.url).call('getAccount', { params: { username: 'alice' } })).status).toBe(
      200,
    );
    const login = await call(server.url, 'staffLogin', {
      body: { username: 'root', password, totp: totpCode(admin.totpSecret, new Date()) },
    });
    expect(login.status).toBe(201);
    const staff = await call(server.url, 'listStaff', {}, login.body.token);
    expect(staff.body.staff.map((s) => s.username)).toEqual(['root']);
    expect(await (await fetch(`${server.url}/log/checkpoint`)).text()).toBe(checkpoint);
  });
});
