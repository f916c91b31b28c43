/**
 * A hostile operator moves the log to a key of its choosing. Verifiers refuse a new key the log never
 * announced (whether they trusted the old key or meet the log for the first time), a handover to another
 * key than the one announced, and the retired key signing past its handover (a leaked key extending the log).
 */
import { formatCheckpoint, generateEd25519Keys, signerFromKey, signNote } from '@parley/merkle-log';
import type { ParleyServer } from '@parley/server';
import { expect, it } from 'vitest';
import { durableLog } from './durable-log.ts';
import { tamper, verifyCli } from './log-network.ts';

const O1 = 'honest.parley.example/log';
const O2 = 'announced.parley.example/log';
const entries = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => new TextEncoder().encode(`event ${from + i}`));

async function grow(server: ParleyServer, n: number, from: number) {
  await server.context.transparencyLog.append(entries(n, from));
  await server.context.transparencyLog.sequence();
}

async function logKey(server: ParleyServer) {
  const rows = await server.context.db.selectFrom('log_keys').select(['skey', 'vkey']).execute();
  const row = rows[0];
  if (row === undefined) throw new Error('no log key');
  return row;
}

it('refuses a key the log never announced, trusted before or met for the first time', async () => {
  await using log = await durableLog('2026-01-01T00:00:00Z', { sealed: false });
  let oldKey: string;
  {
    await using server = await log.serve(O1);
    await grow(server, 10, 0);
    oldKey = (await logKey(server)).vkey;
    // The operator slips in a key of its own, newer than the log's, and signs with it from now on.
    const swapped = generateEd25519Keys('swapped.parley.example/log');
    await server.context.db
      .insertInto('log_keys')
      .values({ name: 'swapped.parley.example/log', ...swapped, created_at: new Date('2027-01-01') })
      .execute();
  }
  await using server = await log.serve('swapped.parley.example/log');
  await grow(server, 5, 10);
  const refusal =
    'the log serves a handover from honest.parley.example/log at size 10, but entry 9 is not its key rotation';
  for (const args of [['--log-key', oldKey], []]) {
    const result = await verifyCli(server.url, ...args);
    expect(result.out).toContain(refusal);
    expect(result.code).toBe(2);
  }
});

it('refuses a handover to another key than the rotation announced, and the old key signing past it', async () => {
  await using log = await durableLog('2026-01-01T00:00:00Z', { sealed: false });
  let old: Readonly<{ skey: string; vkey: string }>;
  {
    await using server = await log.serve(O1);
    await grow(server, 10, 0);
    old = await logKey(server);
  }
  expect((await log.rotate(O2)).code).toBe(0);
  {
    await using server = await log.serve(O2);
    await grow(server, 5, 11);
    expect((await verifyCli(server.url, '--log-key', old.vkey)).code).toBe(0);

    // Whoever holds the retired key signs the grown tree under the old origin.
    const head = await server.context.transparencyLog.head();
    const body = formatCheckpoint({
      origin: O1,
      size: 16,
      rootHash: head?.rootHash ?? new Uint8Array(),
      extensions: [],
    });
    const note = signNote(body, [signerFromKey(old.skey)]);
    await server.context.db
      .insertInto('log_checkpoints')
      .values({ size: 16, root_hash: head?.rootHash ?? new Uint8Array(), note, signed_at: log.clock.now() })
      .execute();
    const extended = await verifyCli(server.url, '--log-key', old.vkey);
    expect(extended.out).toContain(
      'the log serves a handover from honest.parley.example/log at size 16, but entry 15 is not its key rotation',
    );
    expect(extended.code).toBe(2);
    await tamper(
      server,
      'log_checkpoints',
      `delete from log_checkpoints where note like '${O1}%' and size = 16`,
    );

    // The operator replaces the announced key with another of the same name.
    const other = generateEd25519Keys(O2);
    await tamper(
      server,
      'log_keys',
      `update log_keys set skey = '${other.skey}', vkey = '${other.vkey}' where name = '${O2}'`,
    );
  }
  await using server = await log.serve(O2);
  await grow(server, 5, 16);
  const result = await verifyCli(server.url, '--log-key', old.vkey);
  expect(result.out).toMatch(
    /entry 10 announces the key announced\.parley\.example\/log\+\S+, but its handover hands over to announced\.parley\.example\/log\+/,
  );
  expect(result.code).toBe(2);
});
