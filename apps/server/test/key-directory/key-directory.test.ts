import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair, signWithLabel } from '@parley/crypto';
import { type LookupResult, verifyEpochExtension } from '@parley/key-directory';
import { fromBase64 } from '@parley/merkle-log';
import { decodeDirectoryDeviceList, encodeDeviceList, signedDeviceList, toBase64url } from '@parley/protocol';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../../src/index.ts';
import { verifiedLookup } from '../support/kt-lookup.ts';
import { call, login, randomId } from '../support/raw-client.ts';
import { startServer } from '../support/start.ts';

const opened: ParleyServer[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) await server.close();
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer({ ktEpochIntervalMs: 0, ...options });
  opened.push(server);
  return server;
}

/** A registered account whose primary device can sign new device lists. */
async function register(url: string, username: string) {
  const account = generateSigningKeyPair();
  const device = generateSigningKeyPair();
  const deviceId = randomId();
  const entry = { deviceId, signatureKey: toBase64url(device.publicKey), addedAt: '2026-12-07' };
  const sign = (version: number, devices: (typeof entry)[]) => {
    const list = encodeDeviceList({ username, version, devices });
    return signedDeviceList(list, signWithLabel('device-list', account.privateKey, list));
  };
  const body = { accountKey: toBase64url(account.publicKey), deviceList: sign(1, [entry]) };
  const registered = await call(url, 'register', { body });
  expect(registered.status).toBe(201);
  const token = await login(url, username, deviceId, device.privateKey);
  return { account, device, entry, sign, token };
}

function deviceListOf(result: LookupResult) {
  const split = result.entry && decodeDirectoryDeviceList(result.entry.deviceList);
  return split && { payload: toBase64url(split.payload), signature: toBase64url(split.signature) };
}

describe('the key directory of the server’s accounts', () => {
  it('publishes each registration and device-list change in an epoch clients verify, and extends its log', async () => {
    const server = await start();
    const alice = await register(server.url, 'alice');
    const bob = await register(server.url, 'bob');

    const first = await verifiedLookup(server.url, alice.token, 'bob');
    expect(first.checkpoint.origin).toBe('parley.example/log/kt');
    expect(first.result.entry?.version).toBe(1);
    expect(toBase64url(first.result.entry?.accountKey ?? new Uint8Array())).toBe(
      toBase64url(bob.account.publicKey),
    );
    const account = (await call(server.url, 'getAccount', { params: { username: 'bob' } }, alice.token)).body;
    expect(deviceListOf(first.result)).toEqual(account.deviceList);

    const second = {
      deviceId: randomId(),
      signatureKey: toBase64url(generateSigningKeyPair().publicKey),
      addedAt: '2026-12-07',
    };
    const updated = await call(
      server.url,
      'updateDeviceList',
      { body: { deviceList: bob.sign(2, [bob.entry, second]) } },
      bob.token,
    );
    expect(updated.status).toBe(200);
    const later = await verifiedLookup(server.url, alice.token, 'bob');
    expect(later.result.entry?.version).toBe(2);
    expect(deviceListOf(later.result)).toEqual(updated.body.deviceList);

    const consistency = await call(server.url, 'ktConsistency', {
      query: { from: first.checkpoint.size, to: later.checkpoint.size },
    });
    expect(() =>
      verifyEpochExtension(first.checkpoint, later.checkpoint, consistency.body.proof.map(fromBase64)),
    ).not.toThrow();
  });

  it('answers every lookup with a proof for the checkpoint it comes with, while epochs are being published', async () => {
    const server = await start();
    const ivy = await register(server.url, 'ivy');
    const names = ['joan', 'kimi', 'leah', 'mika', 'neda'];
    const lookups: Promise<unknown>[] = [];
    const registrations = names.map(async (name) => {
      lookups.push(verifiedLookup(server.url, ivy.token, 'ivy'));
      await register(server.url, name);
      lookups.push(verifiedLookup(server.url, ivy.token, name));
    });
    await Promise.all(registrations);
    await Promise.all(lookups);
    // Registrations that commit while an epoch is being published wait for the next one, together.
    expect(server.context.keyDirectory.epochCount).toBeGreaterThan(1);
    expect(server.context.keyDirectory.epochCount).toBeLessThanOrEqual(names.length + 1);
  });

  it('refuses a lookup of a name it neither holds nor will publish next, without proving the VRF for it', async () => {
    const server = await start();
    const erin = await register(server.url, 'erin');
    for (const name of ['nobody', 'zz-made-up-1', 'zz-made-up-2']) {
      const answer = await call(server.url, 'ktLookup', { params: { username: name } }, erin.token);
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('not_in_directory');
    }
    expect((await verifiedLookup(server.url, erin.token, 'erin')).result.entry?.version).toBe(1);
  });

  it('on a timer, batches changes into one epoch and serves the previous one until then', async () => {
    const server = await start({ ktPublishOnChange: false });
    const none = await call(server.url, 'ktCheckpoint', {});
    expect(none.body.error?.code).toBe('directory_not_published');
    await register(server.url, 'dana');
    const erin = await register(server.url, 'erin');
    expect(await server.context.keyDirectory.publish()).toBe(0);
    const { checkpoint, result } = await verifiedLookup(server.url, erin.token, 'dana');
    expect(checkpoint.size).toBe(1);
    expect(result.entry?.version).toBe(1);
    expect(await server.context.keyDirectory.publish()).toBeUndefined();
  });

  it('stores its VRF and signing keys sealed under the key-encryption key, and keeps them across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-kt-'));
    const pgUrl = process.env.PARLEY_TEST_DATABASE_URL;
    const schema = `t_kts_${Date.now().toString(36)}`;
    const shared = pgUrl ? { databaseUrl: pgUrl, databaseSchema: schema } : { dataDir };
    const secretKey = new Uint8Array(32).fill(3);
    try {
      const keysOf = async () => {
        const server = await startServer({ ktEpochIntervalMs: 0, ...shared, secretKey });
        try {
          const row = await server.context.db.selectFrom('kt_keys').selectAll().executeTakeFirstOrThrow();
          return { row, served: (await call(server.url, 'ktKeys', {})).body };
        } finally {
          await server.close();
        }
      };
      const first = await keysOf();
      expect(first.row.vrf_secret).toMatch(/^sealed:v1:/);
      expect(first.row.note_skey).toMatch(/^sealed:v1:/);
      expect((await keysOf()).served).toEqual(first.served);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      if (pgUrl) await dropSchema(pgUrl, schema);
    }
  });

  it('survives a restart: the same keys and epochs, rebuilt from the database, and the log still extends', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-kt-'));
    const pgUrl = process.env.PARLEY_TEST_DATABASE_URL;
    const schema = `t_kt_${Date.now().toString(36)}`;
    const shared = pgUrl ? { databaseUrl: pgUrl, databaseSchema: schema } : { dataDir };
    try {
      const before = await startServer({ ktEpochIntervalMs: 0, ...shared });
      const fay = await register(before.url, 'fay');
      await register(before.url, 'gus');
      const seen = await verifiedLookup(before.url, fay.token, 'gus');
      await before.close();

      const after = await start(shared);
      const token = await login(after.url, 'fay', fay.entry.deviceId, fay.device.privateKey);
      const again = await verifiedLookup(after.url, token, 'gus');
      expect(again.keys).toEqual(seen.keys);
      expect(again.checkpoint).toEqual(seen.checkpoint);
      await register(after.url, 'hal');
      const grown = await verifiedLookup(after.url, token, 'gus');
      expect(grown.checkpoint.size).toBe(seen.checkpoint.size + 1);
      const consistency = await call(after.url, 'ktConsistency', {
        query: { from: seen.checkpoint.size, to: grown.checkpoint.size },
      });
      expect(() =>
        verifyEpochExtension(seen.checkpoint, grown.checkpoint, consistency.body.proof.map(fromBase64)),
      ).not.toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      if (pgUrl) await dropSchema(pgUrl, schema);
    }
  });
});

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
