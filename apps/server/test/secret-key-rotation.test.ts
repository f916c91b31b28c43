/**
 * Rotating the key-encryption key (`parley admin rotate-secret-key`): every secret the database holds is
 * sealed again under the new key in one step. The server then starts only with the new key, serves the same
 * public keys (log and key directory), and staff still sign in with their TOTP codes. A wrong current key, or
 * a server still running on the directory, changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createServer, initFirstPolicyAdmin, type ParleyServer, rotateSecretKey } from '../src/index.ts';
import { totpCode } from '../src/modules/gov-access/totp.ts';
import { PASSWORD } from './governance/support.ts';
import { type DatabaseTarget, durableDatabase } from './support/durable-database.ts';
import { call } from './support/raw-client.ts';

const key = () => new Uint8Array(randomBytes(32));

const start = (target: DatabaseTarget, secretKey?: Uint8Array) =>
  createServer({ port: 0, host: '127.0.0.1', ...target, ...(secretKey ? { secretKey } : {}) });

/** Every secret as the database stores it, and the public keys the server serves for them. */
async function look(server: ParleyServer) {
  const db = server.context.db;
  const log = await db.selectFrom('log_keys').select('skey').execute();
  const kt = await db.selectFrom('kt_keys').select(['vrf_secret', 'note_skey']).execute();
  const staff = await db.selectFrom('gov_staff').select('totp_secret').execute();
  return {
    stored: [
      ...log.map((r) => r.skey),
      ...kt.flatMap((r) => [r.vrf_secret, r.note_skey]),
      ...staff.map((r) => r.totp_secret),
    ],
    logKey: await (await fetch(`${server.url}/log/key`)).text(),
    directoryKeys: (await call(server.url, 'ktKeys', {})).body,
  };
}

/** `look` at a server started for the purpose and stopped again. */
async function lookOnce(target: DatabaseTarget, secretKey?: Uint8Array) {
  await using server = await start(target, secretKey);
  return await look(server);
}

const admin = (target: DatabaseTarget) =>
  initFirstPolicyAdmin(target, { username: 'pat', displayName: 'Pat', password: PASSWORD });

async function signIn(server: ParleyServer, totpSecret: string) {
  const body = { username: 'pat', password: PASSWORD, totp: totpCode(totpSecret, new Date()) };
  return (await call(server.url, 'staffLogin', { body })).status;
}

it('seals every secret again under the new key: the old key no longer opens them, public keys and TOTP stay', async () => {
  await using target = await durableDatabase();
  const pat = await admin(target);
  const oldKey = key();
  const before = await lookOnce(target, oldKey);
  expect(before.stored).toHaveLength(4);
  for (const stored of before.stored) expect(stored).toMatch(/^sealed:v1:/);

  const newKey = key();
  expect(await rotateSecretKey(target, { current: oldKey, next: newKey })).toEqual({ resealed: 4 });

  await expect(start(target, oldKey)).rejects.toThrow('the secret key does not open');
  await expect(start(target)).rejects.toThrow("this database's secrets are sealed");
  await using server = await start(target, newKey);
  const after = await look(server);
  expect(after.logKey).toBe(before.logKey);
  expect(after.directoryKeys).toEqual(before.directoryKeys);
  for (const [i, stored] of after.stored.entries()) {
    expect(stored).toMatch(/^sealed:v1:/);
    expect(stored).not.toBe(before.stored[i]);
  }
  expect(await signIn(server, pat.totpSecret)).toBe(201);
});

it('refuses a current key that does not open the secrets, leaving every one as it was', async () => {
  await using target = await durableDatabase();
  const oldKey = key();
  const before = await lookOnce(target, oldKey);
  await expect(rotateSecretKey(target, { current: key(), next: key() })).rejects.toThrow(
    'the secret key does not open',
  );
  await expect(rotateSecretKey(target, { current: oldKey, next: oldKey })).rejects.toThrow(
    'the new key is the current key',
  );
  await using server = await start(target, oldKey);
  expect((await look(server)).stored).toEqual(before.stored);
});

it('seals secrets kept in clear (a server that ran without a key) under the first key', async () => {
  await using target = await durableDatabase();
  const pat = await admin(target);
  const clear = await lookOnce(target);
  for (const stored of clear.stored) expect(stored).not.toMatch(/^sealed:v1:/);
  const first = key();
  expect(await rotateSecretKey(target, { next: first })).toEqual({ resealed: 4 });
  await using server = await start(target, first);
  const sealed = await look(server);
  for (const stored of sealed.stored) expect(stored).toMatch(/^sealed:v1:/);
  expect(sealed.logKey).toBe(clear.logKey);
  expect(await signIn(server, pat.totpSecret)).toBe(201);
});

it('refuses to rotate an embedded database while a server runs on it', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-rotate-'));
  try {
    const current = key();
    await using server = await start({ dataDir }, current);
    await expect(rotateSecretKey({ dataDir }, { current, next: key() })).rejects.toThrow(/in use|locked/i);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
