/**
 * A witness across a log-key rotation: it cosigns nothing under the new origin until its operator adds the
 * new key (so a verifier that needs its cosignature refuses the new checkpoints), then cosigns the first
 * checkpoint under the new origin, which a verifier that pinned the old key accepts with the quorum.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from '../../apps/server/test/support/free-port.ts';
import { durableLog } from './durable-log.ts';
import { startWitnessCli, verifyCli, writeWitnessKey } from './log-network.ts';

const O1 = 'witnessed-before.parley.example/log';
const O2 = 'witnessed-after.parley.example/log';
const entries = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => new TextEncoder().encode(`witnessed ${from + i}`));

it('a witness told the new key cosigns the first checkpoint under the new origin', async () => {
  await using log = await durableLog('2026-03-01T00:00:00Z');
  const keyFile = join(log.home, 'witness.key');
  const witnessKey = await writeWitnessKey(keyFile, 'witness.rotation.example');
  const port = await freePort();
  const witnesses = { logWitnesses: [{ url: `http://127.0.0.1:${port}`, vkey: witnessKey }] };
  const quorum = ['--witness-key', witnessKey, '--quorum', '1'];
  const state = join(log.home, 'witness-state');

  let oldKey: string;
  {
    await using server = await log.serve(O1, witnesses);
    oldKey = server.context.transparencyLog.key.vkey;
    const witness = await startWitnessCli(keyFile, state, oldKey, port);
    try {
      await server.context.transparencyLog.append(entries(20));
      await server.context.transparencyLog.sequence();
      expect((await verifyCli(server.url, '--log-key', oldKey, ...quorum)).code).toBe(0);
    } finally {
      await witness.stop();
    }
  }
  const rotated = await log.rotate(O2);
  expect(rotated.code).toBe(0);
  const newKey = String(Reflect.get(Object(JSON.parse(rotated.stdout)), 'newVkey'));

  await using server = await log.serve(O2, witnesses);
  const unaware = await startWitnessCli(keyFile, state, oldKey, port);
  try {
    await server.context.transparencyLog.sequence();
    const refused = await verifyCli(server.url, '--log-key', oldKey, ...quorum);
    expect(refused.out).toMatch(/witness quorum not met/);
    expect(refused.code).toBe(2);
  } finally {
    await unaware.stop();
  }

  const told = await startWitnessCli(keyFile, state, [oldKey, newKey], port);
  try {
    await server.context.transparencyLog.sequence();
    const checkpoint = await (await fetch(`${server.url}/log/checkpoint`)).text();
    expect(checkpoint.startsWith(`${O2}\n21\n`)).toBe(true);
    expect(checkpoint).toContain('— witness.rotation.example ');
    const followed = await verifyCli(server.url, '--log-key', oldKey, ...quorum);
    expect(followed.out).toMatch(
      /^verified witnessed-after\.parley\.example\/log: 21 entries, 1 witness cosignatures/,
    );
    expect(followed.code).toBe(0);
  } finally {
    await told.stop();
  }
});
