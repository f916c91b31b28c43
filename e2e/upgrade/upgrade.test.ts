/**
 * Upgrading: the previous release's embedded database (made by `scripts/upgrade-fixture/make.sh` with that
 * release's own code, restored from its backup here) is migrated when this release starts on it, and
 * everything people relied on is still there: the same signed log, which `parley verify` accepts; staff
 * sign in with their second factor and see the policy in force; the request's events in the log; members' sessions and stored messages; and members
 * registered before the key directory existed get a directory entry their contacts can verify.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBase64url } from '@parley/protocol';
import { createServer, ManualClock, restoreDataDir, totpCode } from '@parley/server';
import { afterAll, expect, it } from 'vitest';
import { verifiedLookup } from '../../apps/server/test/support/kt-lookup.ts';
import { call } from '../../apps/server/test/support/raw-client.ts';
import { runParley } from '../parley-cli.ts';

const release = '9e75007';
const fixtures = new URL('./fixtures/', import.meta.url);
const manifest = JSON.parse(await readFile(new URL(`${release}.json`, fixtures), 'utf8'));
const home = await mkdtemp(join(tmpdir(), 'parley-upgrade-'));
afterAll(() => rm(home, { recursive: true, force: true }));

// Always on the embedded database, in both CI passes: the fixture is an embedded data directory.
it(`starts on release ${release}'s database and serves everything it held`, async () => {
  const dataDir = join(home, 'data');
  await restoreDataDir(dataDir, new URL(`${release}.backup`, fixtures).pathname);
  // An hour after the fixture was made, so its sessions are still open.
  const clock = new ManualClock(new Date(Date.parse(manifest.clock) + 3600_000));
  await using server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clock,
    logSequenceIntervalMs: 0,
    ktEpochIntervalMs: 0,
  });

  expect(await (await fetch(`${server.url}/log/checkpoint`)).text()).toBe(manifest.checkpoint);
  const verified = await runParley(server.url, join(home, 'verifier'), ['verify']);
  expect(verified, verified.stderr).toMatchObject({ code: 0 });

  const totp = totpCode(manifest.secondAdmin.totpSecret, clock.now());
  const sam = await call(server.url, 'staffLogin', {
    body: { username: 'sam', password: manifest.admin.password, totp },
  });
  expect(sam.status).toBe(201);
  const policies = await call(server.url, 'listPolicies', {}, sam.body.token);
  expect(policies.body.policies.map((p) => [p.jurisdiction, p.status])).toContainEqual(['US', 'ACCEPT']);

  const messages = await call(
    server.url,
    'messages',
    { params: { groupId: manifest.groupId }, query: { after: 0 } },
    manifest.members.bob,
  );
  expect(messages.body.messages.map((m) => [m.seq, m.kind])).toEqual(manifest.bobSees);

  // Registered before the directory: staged by the upgrade, published in the first epoch.
  expect(await server.context.keyDirectory.publish()).toBe(0);
  for (const name of ['alice', 'bob']) {
    const { result } = await verifiedLookup(server.url, manifest.members.alice, name);
    expect(result.entry?.version).toBe(1);
    const account = await call(
      server.url,
      'getAccount',
      { params: { username: name } },
      manifest.members.alice,
    );
    expect(toBase64url(result.entry?.accountKey ?? new Uint8Array())).toBe(account.body.accountKey);
  }
});
