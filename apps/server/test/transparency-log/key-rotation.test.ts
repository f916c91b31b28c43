/**
 * Rotating the log's signing key (`parley admin rotate-log-key`): the tree continues under a new origin and
 * key, announced by a rotation entry that the old key's handover checkpoint covers. The server then starts
 * only under the new origin, serves the new key and the handover, and keeps the key directory's origin.
 */
import { randomBytes } from 'node:crypto';
import { decodeKeyRotation, openCheckpoint, parseVerifierKey, verifierFromKey } from '@parley/merkle-log';
import { LogHandovers } from '@parley/protocol';
import { expect, it } from 'vitest';
import { createServer, LogKeyRotationError, ManualClock, rotateLogKey } from '../../src/index.ts';
import { type DatabaseTarget, durableDatabase } from '../support/durable-database.ts';
import { call } from '../support/raw-client.ts';
import { entries } from './log-fixture.ts';

const O1 = 'rotation.parley.example/log';
const O2 = 'log.parley.example/requests';
const secretKey = new Uint8Array(randomBytes(32));

const start = (target: DatabaseTarget, logOrigin: string) =>
  createServer({
    port: 0,
    host: '127.0.0.1',
    ...target,
    secretKey,
    logOrigin,
    clock: new ManualClock(),
    logSequenceIntervalMs: 0,
  });

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

it('hands the log to a new origin and key: the old key signs the handover, the new one every later checkpoint', async () => {
  await using target = await durableDatabase();
  let oldVkey: string;
  {
    await using server = await start(target, O1);
    await server.context.transparencyLog.append(entries(5));
    await server.context.transparencyLog.sequence();
    oldVkey = (await text(`${server.url}/log/key`)).trim();
  }
  const done = await rotateLogKey({ ...target, newOrigin: O2, secretKey });
  expect(done).toMatchObject({ oldOrigin: O1, newOrigin: O2, size: 6 });

  await expect(start(target, O1)).rejects.toThrow(
    `the log origin "${O1}" was retired by a log-key rotation; this database's transparency log now signs as "${O2}"`,
  );
  await expect(start(target, 'elsewhere.example/log')).rejects.toThrow(
    `set PARLEY_LOG_ORIGIN (or --log-origin) to "${O2}"`,
  );

  await using server = await start(target, O2);
  expect((await text(`${server.url}/log/key`)).trim()).toBe(done.newVkey);
  expect(parseVerifierKey(done.newVkey).name).toBe(O2);
  const served = LogHandovers.parse(await (await fetch(`${server.url}/log/handovers`)).json());
  expect(served.handovers).toHaveLength(1);
  const [handover] = served.handovers;
  expect(handover).toMatchObject({ oldOrigin: O1, oldVkey, newVkey: done.newVkey, size: 6 });

  // The handover opens under the old key alone, and its last entry announces exactly the new key.
  const opened = openCheckpoint(handover?.checkpoint ?? '', { origin: O1, log: verifierFromKey(oldVkey) });
  expect(opened.checkpoint.size).toBe(6);
  const [rotation] = await server.context.transparencyLog.entries(5, 6);
  expect(decodeKeyRotation(rotation ?? new Uint8Array())).toEqual({ origin: O2, vkey: done.newVkey });

  // The latest checkpoint is already the new key's, over the same tree; later ones too.
  const first = openCheckpoint(await text(`${server.url}/log/checkpoint`), {
    origin: O2,
    log: verifierFromKey(done.newVkey),
  }).checkpoint;
  expect(first).toMatchObject({ origin: O2, size: 6, rootHash: opened.checkpoint.rootHash });
  expect(() =>
    openCheckpoint(handover?.checkpoint ?? '', { origin: O2, log: verifierFromKey(done.newVkey) }),
  ).toThrow();
  await server.context.transparencyLog.append(entries(3, 5));
  await server.context.transparencyLog.sequence();
  const later = openCheckpoint(await text(`${server.url}/log/checkpoint`), {
    origin: O2,
    log: verifierFromKey(done.newVkey),
  }).checkpoint;
  expect(later.size).toBe(9);

  // The key directory keeps the origin and keys it was created with.
  const kt = await call(server.url, 'ktKeys', {});
  expect(Reflect.get(Object(kt.body), 'origin')).toBe(`${O1}/kt`);
});

it('refuses a rotation to an origin the log has signed as, or on a database with no log, changing nothing', async () => {
  await using target = await durableDatabase();
  await expect(rotateLogKey({ ...target, newOrigin: O2, secretKey })).rejects.toThrow(
    'this database has no transparency log yet',
  );
  {
    await using server = await start(target, O1);
    await server.context.transparencyLog.sequence();
  }
  await expect(rotateLogKey({ ...target, newOrigin: O1, secretKey })).rejects.toThrow(LogKeyRotationError);
  await expect(rotateLogKey({ ...target, newOrigin: 'has space', secretKey })).rejects.toThrow(
    '"has space" cannot be a log origin',
  );
  await expect(rotateLogKey({ ...target, newOrigin: O2 })).rejects.toThrow(
    "this database's secrets are sealed",
  );
  await using server = await start(target, O1);
  const served = LogHandovers.parse(await (await fetch(`${server.url}/log/handovers`)).json());
  expect(served.handovers).toEqual([]);
  expect(await server.context.transparencyLog.entries(0, 10)).toEqual([]);
});

it('stops a server still running under a retired origin from signing past the handover', async () => {
  await using target = await durableDatabase();
  await using server = await start(target, O1);
  await server.context.transparencyLog.append(entries(2));
  await server.context.transparencyLog.sequence();
  // What a rotation run against a shared PostgreSQL while this process kept running leaves behind.
  await server.context.db
    .insertInto('log_keys')
    .values({ name: O2, skey: 'unused', vkey: 'unused', created_at: new Date('2100-01-01') })
    .execute();
  await server.context.transparencyLog.append(entries(1, 2));
  await expect(server.context.transparencyLog.sequence()).rejects.toThrow(
    `the log origin "${O1}" was retired by a log-key rotation`,
  );
  expect((await server.context.transparencyLog.head())?.size).toBe(2);
});
