/**
 * Moving from the embedded database to PostgreSQL with `parley migrate-data`: everything a member, a staff
 * member and a log verifier rely on comes across (a session, a message waiting for delivery, the staff
 * account and its second factor, the log's key and checkpoint), and a second run into the same database is
 * refused rather than mixed in.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { initFirstPolicyAdmin, totpCode } from '../src/index.ts';
import { PASSWORD } from './governance/support.ts';
import { freshSchemaUrl, spawnServer } from './support/process.ts';
import { call, opaque, randomId, twoMemberGroup } from './support/raw-client.ts';

const cli = fileURLToPath(new URL('../../cli/bin/parley.mjs', import.meta.url));
const run = promisify(execFile);
const baseUrl = process.env.PARLEY_TEST_DATABASE_URL ?? '';

it('copies an embedded server into PostgreSQL, and refuses to copy into a database that has data', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parley-migrate-'));
  const target = await freshSchemaUrl(baseUrl);
  try {
    const admin = await initFirstPolicyAdmin(
      { dataDir: dir },
      { username: 'pat', displayName: 'Pat', password: PASSWORD },
    );
    const embedded = await spawnServer(['--data', dir]);
    const { first: sender, second: reader, groupId } = await twoMemberGroup(embedded.url, ['ann', 'bob']);
    const sent = await sender.call('send', {
      params: { groupId },
      body: { id: randomId(), payload: opaque() },
    });
    expect(sent.status).toBe(201);
    await expect.poll(async () => (await fetch(`${embedded.url}/log/checkpoint`)).status).toBe(200);
    const logKey = await (await fetch(`${embedded.url}/log/key`)).text();
    const checkpoint = await (await fetch(`${embedded.url}/log/checkpoint`)).text();
    await embedded.kill();

    const copied = await run(process.execPath, [
      cli,
      '--json',
      'migrate-data',
      '--from',
      dir,
      '--to',
      target.url,
    ]);
    const summary = JSON.parse(copied.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(summary).toMatchObject({ ok: true });
    expect(summary.rows).toBeGreaterThan(10);

    const moved = await spawnServer(['--database-url', target.url]);
    try {
      expect(await (await fetch(`${moved.url}/log/key`)).text()).toBe(logKey);
      expect((await (await fetch(`${moved.url}/log/checkpoint`)).text()).split('\n').slice(0, 3)).toEqual(
        checkpoint.split('\n').slice(0, 3),
      );
      // bob's session still works, and the message waiting for him is delivered.
      const bob = reader.at(moved.url);
      await bob.connect();
      expect(
        bob
          .messages(groupId)
          .filter((m) => m.kind === 'application')
          .map((m) => m.seq),
      ).toEqual([sent.body.seq]);
      await bob.disconnect();
      // New rows continue the copied sequences.
      const next = await sender.at(moved.url).call('send', {
        params: { groupId },
        body: { id: randomId(), payload: opaque() },
      });
      expect(next.body.seq).toBe(sent.body.seq + 1);
      const login = await call(moved.url, 'staffLogin', {
        body: { username: 'pat', password: PASSWORD, totp: totpCode(admin.totpSecret, new Date()) },
      });
      expect(login.status).toBe(201);
    } finally {
      await moved.kill();
    }

    const again = await run(process.execPath, [cli, 'migrate-data', '--from', dir, '--to', target.url]).catch(
      (error: unknown) => error,
    );
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already holds Parley data') });
  } finally {
    await target.drop();
    await rm(dir, { recursive: true, force: true });
  }
});
