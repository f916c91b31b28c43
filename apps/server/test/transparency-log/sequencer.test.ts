import {
  createEd25519Verifier,
  fromBase64,
  MemoryTree,
  openCheckpoint,
  parseVerifierKey,
  verifierFromKey,
  verifyConsistency,
  verifyInclusion,
} from '@parley/merkle-log';
import { logResources } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../../src/index.ts';
import { entries, getBytes, startLogServer } from './log-fixture.ts';

let server: ParleyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function checkpointOf(s: ParleyServer) {
  const response = await getBytes(s, logResources.checkpoint.path);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe(logResources.checkpoint.cacheControl);
  const vkey = s.context.transparencyLog.key.vkey;
  return openCheckpoint(await response.text(), {
    origin: parseVerifierKey(vkey).name,
    log: verifierFromKey(vkey),
  }).checkpoint;
}

describe('the transparency log sequencer', () => {
  it('integrates appended entries in batches, one signed checkpoint per batch, matching an in-memory tree', async () => {
    const started = await startLogServer({ logBatchSize: 300, logOrigin: 'test.parley.example/log' });
    server = started.server;
    const log = server.context.transparencyLog;
    const data = entries(1000);
    const tickets = await log.append(data);
    expect(await log.locate(tickets[0] ?? 0)).toBeUndefined();
    expect(await log.sequence()).toBe(4);

    const checkpoint = await checkpointOf(server);
    const tree = new MemoryTree();
    for (const e of data) tree.append(e);
    expect(checkpoint.origin).toBe('test.parley.example/log');
    expect(checkpoint.size).toBe(1000);
    expect(checkpoint.rootHash).toEqual(tree.root());
    expect(await log.locate(tickets[999] ?? 0)).toMatchObject({ index: 999, covered: true });

    const sizes = await server.context.db
      .selectFrom('log_checkpoints')
      .select('size')
      .orderBy('id')
      .execute();
    expect(sizes.map((r) => r.size)).toEqual([300, 600, 900, 1000]);
    const tiles = await server.context.db
      .selectFrom('log_tiles')
      .select(['level', 'idx'])
      .orderBy('idx')
      .execute();
    expect(tiles).toEqual([0, 1, 2].map((idx) => ({ level: 0, idx })));
  });

  it('appends in the caller transaction: a rolled-back event leaves nothing in the log', async () => {
    ({ server } = await startLogServer());
    const log = server.context.transparencyLog;
    await expect(
      server.context.db.transaction().execute(async (tx) => {
        await log.append(entries(3), tx);
        throw new Error('governance refused');
      }),
    ).rejects.toThrow('governance refused');
    await server.context.db.transaction().execute((tx) => log.append(entries(2), tx));
    await log.sequence();
    expect((await checkpointOf(server)).size).toBe(2);
  });

  it('refuses an entry larger than an entry bundle can carry', async () => {
    ({ server } = await startLogServer());
    await expect(server.context.transparencyLog.append([new Uint8Array(65_536)])).rejects.toThrow(
      /exceeds 65535/,
    );
  });

  it('signs a checkpoint for an empty log, and again after 24 hours with nothing appended', async () => {
    const started = await startLogServer();
    server = started.server;
    const log = server.context.transparencyLog;
    expect((await getBytes(server, logResources.checkpoint.path)).status).toBe(404);
    expect(await log.sequence()).toBe(1);
    expect((await checkpointOf(server)).size).toBe(0);
    started.clock.advance(23 * 3600_000);
    expect(await log.sequence()).toBe(0);
    started.clock.advance(3600_000);
    expect(await log.sequence()).toBe(1);
    const rows = await server.context.db
      .selectFrom('log_checkpoints')
      .select(['size', 'signed_at'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.size, r.signed_at.toISOString()])).toEqual([
      [0, '2026-11-28T12:00:00.000Z'],
      [0, '2026-11-29T12:00:00.000Z'],
    ]);
  });

  it('serves inclusion and consistency proofs that verify with merkle-log', async () => {
    ({ server } = await startLogServer({ logBatchSize: 70_000 }));
    const log = server.context.transparencyLog;
    const data = entries(66_000);
    await log.append(data);
    await log.sequence();
    const tree = new MemoryTree();
    for (const e of data) tree.append(e);
    const root = (await checkpointOf(server)).rootHash;
    for (const [index, size] of [
      [0, 1],
      [5, 300],
      [65_535, 65_536],
      [65_999, 66_000],
      [12_345, 66_000],
    ] as const) {
      const response = await getBytes(server, `/log/proof/inclusion?index=${index}&size=${size}`);
      const body = await response.json();
      const proof = body.proof.map(fromBase64);
      expect(proof).toEqual(tree.inclusionProof(index, size));
      verifyInclusion(index, size, fromBase64(body.leafHash), proof, tree.root(size));
      expect(fromBase64(body.leafHash)).toEqual(tree.leafHash(index));
    }
    const { proof } = await (await getBytes(server, '/log/proof/consistency?from=257&to=66000')).json();
    verifyConsistency(257, 66_000, tree.root(257), root, proof.map(fromBase64));
    expect((await getBytes(server, '/log/proof/inclusion?index=1&size=66001')).status).toBe(404);
    expect((await getBytes(server, '/log/proof/consistency?from=0&to=5')).status).toBe(404);
  });

  it('keeps one key for the log across restarts and processes sharing the database', async () => {
    ({ server } = await startLogServer());
    const { vkey } = server.context.transparencyLog.key;
    const key = parseVerifierKey(vkey);
    expect(createEd25519Verifier(key.name, key.publicKey).keyId).toBe(key.keyId);
    const rows = await server.context.db.selectFrom('log_keys').select('vkey').execute();
    expect(rows).toEqual([{ vkey }]);
  });
});
