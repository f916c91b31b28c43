import { toBase64, verifierFromKey } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { verifyLog, Witness, type WitnessRecord } from '../../src/index.ts';
import { staticLog, testEntries, testLogKey, testWitnessKey } from './static-log.ts';

const log = testLogKey();
const other = testLogKey('other.example/log');

function newWitness() {
  const records = new Map<string, WitnessRecord>();
  const { cosigner, vkey } = testWitnessKey('w.example');
  const witness = new Witness({
    cosigner,
    logs: [{ origin: log.signer.name, verifier: verifierFromKey(log.vkey) }],
    state: { load: async (o) => records.get(o), save: async (o, r) => void records.set(o, r) },
  });
  return { witness, vkey, records };
}

const request = (old: number, proof: readonly Uint8Array[], note: string) =>
  `old ${old}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${note}`;

describe('the tlog-witness', () => {
  it('cosigns a log that grows consistently, and the cosignature verifies', async () => {
    const { witness, vkey } = newWitness();
    const a = staticLog(testEntries(100), log.signer);
    const first = await witness.addCheckpoint(request(0, [], a.note));
    expect(first.status).toBe(200);
    const b = staticLog(testEntries(300), log.signer);
    const second = await witness.addCheckpoint(request(100, b.tree.consistencyProof(100, 300), b.note));
    expect(second.status).toBe(200);
    const cosigned = staticLog(testEntries(300), log.signer, second.body);
    const result = await verifyLog({ fetch: cosigned.fetch, logKey: log.vkey, witnesses: [vkey], quorum: 1 });
    expect(result.cosignatures).toHaveLength(1);
  });

  it('refuses a fork at the same size and at a larger size, a rollback, a stale old size and a bad signature', async () => {
    const { witness, records } = newWitness();
    const honest = staticLog(testEntries(100), log.signer);
    expect((await witness.addCheckpoint(request(0, [], honest.note))).status).toBe(200);

    const sameSizeFork = staticLog(testEntries(100, 'fork'), log.signer);
    expect(await witness.addCheckpoint(request(100, [], sameSizeFork.note))).toEqual({
      status: 409,
      contentType: 'text/x.tlog.size',
      body: '100\n',
    });
    const bigFork = staticLog(testEntries(200, 'fork'), log.signer);
    const forkProof = bigFork.tree.consistencyProof(100, 200);
    expect((await witness.addCheckpoint(request(100, forkProof, bigFork.note))).status).toBe(422);

    const smaller = staticLog(testEntries(50), log.signer);
    expect((await witness.addCheckpoint(request(100, [], smaller.note))).status).toBe(400);
    expect((await witness.addCheckpoint(request(50, [], smaller.note))).status).toBe(409);

    const unsigned = staticLog(testEntries(200), other.signer);
    expect((await witness.addCheckpoint(request(100, [], unsigned.note))).status).toBe(404);
    // Same origin, signed by a key that is not the log's.
    const forged = staticLog(testEntries(200), testLogKey().signer).note;
    expect((await witness.addCheckpoint(request(100, [], forged))).status).toBe(403);
    expect((await witness.addCheckpoint('garbage')).status).toBe(400);

    expect(records.get(log.signer.name)).toEqual({ size: 100, rootHash: toBase64(honest.tree.root()) });
  });
});
