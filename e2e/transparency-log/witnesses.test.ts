import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatCheckpoint,
  formatVerifierKey,
  generateEd25519Keys,
  parseVerifierKey,
  SignatureType,
  signNote,
  toBase64,
} from '@parley/merkle-log';
import { logResources } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../apps/server/test/support/free-port.ts';
import { call } from '../../apps/server/test/support/raw-client.ts';
import { startLogServer, startWitnessCli, tamper, verifyCli, writeWitnessKey } from './log-network.ts';

let home: string;
let witness: Awaited<ReturnType<typeof startWitnessCli>>;
let server: Awaited<ReturnType<typeof startLogServer>>;
let witnessKey: string;
const refusals: number[] = [];

const entries = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => new TextEncoder().encode(`witnessed ${from + i}`));

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'parley-witness-'));
  witnessKey = await writeWitnessKey(join(home, 'witness.key'), 'witness.e2e.example');
  const port = await freePort();
  server = await startLogServer({
    logWitnesses: [{ url: `http://127.0.0.1:${port}`, vkey: witnessKey }],
    log: (event, fields) => {
      if (event === 'log.witness_refused' && typeof fields?.status === 'number') refusals.push(fields.status);
    },
  });
  witness = await startWitnessCli(
    join(home, 'witness.key'),
    join(home, 'state'),
    server.context.transparencyLog.key.vkey,
    port,
  );
  expect(witness.vkey).toBe(witnessKey);
});
afterAll(async () => {
  await server?.close();
  await witness?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('parley witness and the log server', () => {
  it('cosigns every checkpoint the log pushes, and verify counts the quorum', async () => {
    const log = server.context.transparencyLog;
    await log.append(entries(300, 0));
    await log.sequence();
    await log.append(entries(200, 300));
    await log.sequence();
    const checkpoint = await (await fetch(`${server.url}${logResources.checkpoint.path}`)).text();
    expect(checkpoint).toContain('\n500\n');
    expect(checkpoint).toContain('— witness.e2e.example ');

    // The witness cosigned just now, so the checkpoint is fresh by any daily standard.
    const ok = await verifyCli(server.url, '--witness-key', witnessKey, '--quorum', '1', '--max-age', '24');
    expect(ok.out).toMatch(/500 entries, 1 witness cosignatures/);
    expect(ok.code).toBe(0);
    // Long after it was signed, a checkpoint every witness cosigned keeps /ready's witness check fresh.
    server.clock.advance(11 * 60_000);
    expect((await call(server.url, 'ready', {})).body).toMatchObject({
      status: 'ready',
      checks: { sequencer: 'ok', witnesses: 'ok' },
    });
    const other = generateEd25519Keys('other.e2e.example');
    const otherKey = formatVerifierKey(
      'other.e2e.example',
      SignatureType.cosignatureV1,
      parseVerifierKey(other.vkey).publicKey,
    );
    const short = await verifyCli(
      server.url,
      '--witness-key',
      witnessKey,
      '--witness-key',
      otherKey,
      '--quorum',
      '2',
    );
    expect(short.out).toMatch(/witness quorum not met: checkpoint has 1 cosignatures, policy needs 2/);
    expect(short.code).toBe(2);
  });

  it('refuses to cosign a fork, so a forked checkpoint fails the quorum', async () => {
    const { signer } = server.context.transparencyLog.key;
    const forkRoot = new Uint8Array(32).fill(5);
    const forkNote = signNote(
      formatCheckpoint({ origin: signer.name, size: 500, rootHash: forkRoot, extensions: [] }),
      [signer],
    );
    await tamper(
      server,
      'log_checkpoints',
      `insert into log_checkpoints (size, root_hash, note, signed_at) values (500, '\\x${Buffer.from(forkRoot).toString('hex')}', '${forkNote}', '${server.clock.now().toISOString()}')`,
    );
    await server.context.transparencyLog.sequence();
    expect(refusals).toEqual([409]);
    // The operator sees it: ten minutes on, the latest checkpoint still has no cosignature.
    server.clock.advance(11 * 60_000);
    expect((await call(server.url, 'ready', {})).body).toMatchObject({
      status: 'degraded',
      checks: { witnesses: 'stale' },
    });

    const bigger = signNote(
      formatCheckpoint({ origin: signer.name, size: 900, rootHash: forkRoot, extensions: [] }),
      [signer],
    );
    const proof = Array.from({ length: 3 }, () => `${toBase64(new Uint8Array(32))}\n`).join('');
    const refused = await fetch(`${witness.url}${logResources.addCheckpoint.path}`, {
      method: 'POST',
      body: `old 500\n${proof}\n${bigger}`,
    });
    expect(refused.status).toBe(422);

    const failed = await verifyCli(server.url, '--witness-key', witnessKey, '--quorum', '1');
    expect(failed.out).toMatch(/witness quorum not met: checkpoint has 0 cosignatures, policy needs 1/);
    expect(failed.code).toBe(2);
  });
});
