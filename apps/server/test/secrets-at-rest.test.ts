/**
 * A copy of the database alone must not let anyone sign as the log: with a key-encryption key the log's
 * signing key is stored sealed, the server refuses to start without the key or with another one, and a key
 * stored in clear before the key was set is sealed at the next start (with the key directory's keys and TOTP
 * seeds). The public key stays the same.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, initFirstPolicyAdmin } from '../src/index.ts';
import { GovWorld, PASSWORD } from './governance/support.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function dataDir() {
  const dir = await mkdtemp(join(tmpdir(), 'parley-secrets-'));
  dirs.push(dir);
  return dir;
}

/** Starts a server on `dir`, returns what the database holds for the log key and what /log/key serves. */
async function startOn(dir: string, secretKey?: Uint8Array) {
  await using server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    ...(secretKey ? { secretKey } : {}),
  });
  const row = await server.context.db.selectFrom('log_keys').select('skey').executeTakeFirstOrThrow();
  const served = await (await fetch(`${server.url}/log/key`)).text();
  const seeds = await server.context.db.selectFrom('gov_staff').select('totp_secret').execute();
  const directory = await server.context.db
    .selectFrom('kt_keys')
    .select(['vrf_secret', 'note_skey'])
    .executeTakeFirstOrThrow();
  return {
    stored: row.skey,
    served,
    seeds: seeds.map((s) => s.totp_secret),
    directory: [directory.vrf_secret, directory.note_skey],
  };
}

const key = () => new Uint8Array(randomBytes(32));

it('stores the log signing key sealed, and opens it only with the same key', async () => {
  const dir = await dataDir();
  const kek = key();
  const first = await startOn(dir, kek);
  expect(first.stored).toMatch(/^sealed:v1:/);
  expect(first.stored).not.toContain('PRIVATE+KEY');
  expect((await startOn(dir, kek)).served).toBe(first.served);
  await expect(startOn(dir)).rejects.toThrow(
    "this database's secrets are sealed: set PARLEY_SECRET_KEY_FILE",
  );
  await expect(startOn(dir, key())).rejects.toThrow('the secret key does not open');
});

it('seals secrets stored in clear once a key-encryption key is set, keeping the same public key', async () => {
  const dir = await dataDir();
  const before = await startOn(dir);
  expect(before.stored).toMatch(/^PRIVATE\+KEY\+/);
  // `parley admin init` runs without the key: its seed is stored in clear until the next start seals it.
  const admin = await initFirstPolicyAdmin(
    { dataDir: dir },
    { username: 'pat', displayName: 'Pat', password: PASSWORD },
  );
  expect((await startOn(dir)).seeds).toEqual([admin.totpSecret]);
  const after = await startOn(dir, key());
  expect(after.stored).toMatch(/^sealed:v1:/);
  expect(after.served).toBe(before.served);
  expect(after.seeds).toHaveLength(1);
  expect(after.seeds[0]).toMatch(/^sealed:v1:/);
  // The key directory's VRF and signing keys too.
  for (const stored of before.directory) expect(stored).not.toMatch(/^sealed:v1:/);
  for (const stored of after.directory) expect(stored).toMatch(/^sealed:v1:/);
});

describe('TOTP seeds under a key-encryption key', () => {
  it('are stored sealed, staff still sign in, and a seed moved to another person does not open', async () => {
    const world = await GovWorld.start(undefined, { secretKey: key() });
    try {
      await world.createStaff('rev', ['auditor']);
      const mal = await world.admin.call('createStaff', {
        body: { username: 'mal', displayName: 'mal', password: PASSWORD, roles: ['auditor'] },
      });
      const db = world.server.context.db;
      const rows = await db.selectFrom('gov_staff').select(['username', 'totp_secret']).execute();
      expect(rows.map((r) => r.username).sort()).toEqual(['mal', 'pat', 'rev']);
      for (const row of rows) {
        expect(row.totp_secret).toMatch(/^sealed:v1:/);
        expect(row.totp_secret).not.toContain(mal.body.totpSecret);
      }
      // mal, with database access, copies its own sealed seed onto rev's row to sign in as rev with its codes.
      const malSeed = rows.find((r) => r.username === 'mal')?.totp_secret ?? '';
      await db.updateTable('gov_staff').set({ totp_secret: malSeed }).where('username', '=', 'rev').execute();
      await expect(world.staffLogin('rev', mal.body.totpSecret)).rejects.toThrow('invalid_credentials');
      expect((await world.staffLogin('mal', mal.body.totpSecret)).id).not.toBe('');
    } finally {
      await world.close();
    }
  });
});
