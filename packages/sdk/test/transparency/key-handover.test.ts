import { encodeKeyRotation, formatCheckpoint, type NoteSigner, signNote } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/index.ts';
import { problem, staticLog, testEntries, testLogKey } from './static-log.ts';

const k0 = testLogKey('first.example/log');
const k1 = testLogKey('second.example/log');
const k2 = testLogKey('third.example/log');
const names = [k0, k1, k2].map((k) => k.signer.name);

/** 100 entries, a rotation to k1 (entry 100), 50 entries, a rotation to k2 (entry 151), 20 entries. */
const entries = [
  ...testEntries(100),
  encodeKeyRotation({ origin: k1.signer.name, vkey: k1.vkey }),
  ...testEntries(50, 'f'),
  encodeKeyRotation({ origin: k2.signer.name, vkey: k2.vkey }),
  ...testEntries(20, 'g'),
];

type Handover = Readonly<{ from: typeof k0; to: typeof k0; size: number; root?: Uint8Array }>;

/** The log as static files, its checkpoint signed by `signer`, serving these handovers. */
function rotatedLog(signer: NoteSigner, handovers: readonly Handover[], size = entries.length) {
  const log = staticLog(entries.slice(0, size), signer);
  const served = handovers.map(({ from, to, size, root }) => ({
    oldOrigin: from.signer.name,
    oldVkey: from.vkey,
    newVkey: to.vkey,
    size,
    checkpoint: signNote(
      formatCheckpoint({
        origin: from.signer.name,
        size,
        rootHash: root ?? log.tree.root(size),
        extensions: [],
      }),
      [from.signer],
    ),
  }));
  log.files.set('handovers', new TextEncoder().encode(JSON.stringify({ handovers: served })));
  return log;
}

const honest: readonly Handover[] = [
  { from: k0, to: k1, size: 101 },
  { from: k1, to: k2, size: 152 },
];

describe('verifyLog across log-key rotations', () => {
  it('follows a chain of handovers from the first key to the one signing, and pins it', async () => {
    const log = rotatedLog(k2.signer, honest);
    const result = await verifyLog({ fetch: log.fetch, logKey: k0.vkey });
    expect(result.state.logKey).toBe(k2.vkey);
    expect(result.keys).toEqual([
      { vkey: k0.vkey, origin: names[0], from: 0 },
      { vkey: k1.vkey, origin: names[1], from: 101 },
      { vkey: k2.vkey, origin: names[2], from: 152 },
    ]);
    const middle = await verifyLog({ fetch: log.fetch, logKey: k1.vkey });
    expect(middle.state.logKey).toBe(k2.vkey);
    // The old key given out of band again, beside a state that already pinned the new one.
    const again = await verifyLog({ fetch: log.fetch, logKey: k0.vkey, previous: result.state });
    expect(again.state.logKey).toBe(k2.vkey);
    const unlinked = { ...result.state, logKey: testLogKey('unrelated.example/log').vkey };
    expect(await problem(verifyLog({ fetch: log.fetch, logKey: k0.vkey, previous: unlinked }))).toBe(
      'log-key: the log key given differs from the one pinned in the state, and no log-key rotation in the log links them',
    );
  });

  it('accepts the handover tree signed by either key, and pins whichever signed it', async () => {
    const handedOver = await verifyLog({
      fetch: rotatedLog(k0.signer, honest.slice(0, 1), 101).fetch,
      logKey: k0.vkey,
    });
    expect(handedOver.state.logKey).toBe(k0.vkey);
    const taken = await verifyLog({
      fetch: rotatedLog(k1.signer, honest.slice(0, 1), 101).fetch,
      logKey: k0.vkey,
    });
    expect(taken.state.logKey).toBe(k1.vkey);
    expect(
      await problem(
        verifyLog({ fetch: rotatedLog(k0.signer, honest.slice(0, 1), 102).fetch, logKey: k0.vkey }),
      ),
    ).toBe(
      'handover: the checkpoint of size 102 is signed by first.example/log, but the key in force at that size is second.example/log',
    );
  });

  it('refuses a handover signed over another tree than the one announcing the key', async () => {
    const elsewhere = staticLog(testEntries(101, 'x'), k0.signer).tree.root();
    const forked: Handover[] = [
      { from: k0, to: k1, size: 101, root: elsewhere },
      { from: k1, to: k2, size: 152 },
    ];
    const log = rotatedLog(k2.signer, forked);
    expect(await problem(verifyLog({ fetch: log.fetch, logKey: k0.vkey }))).toBe(
      'fork: fork: the handover from first.example/log is signed over another tree of size 101 than this one',
    );
  });

  it('refuses the retired key signing past its handover', async () => {
    const log = rotatedLog(k0.signer, honest);
    expect(await problem(verifyLog({ fetch: log.fetch, logKey: k0.vkey }))).toBe(
      'handover: the checkpoint of size 172 is signed by first.example/log, but the key in force at that size is third.example/log',
    );
  });

  it('refuses a rotation entry the log serves no handover for, even to a verifier new to the log', async () => {
    const log = rotatedLog(k2.signer, honest.slice(1));
    expect(await problem(verifyLog({ fetch: log.fetch, logKey: k2.vkey }))).toBe(
      'handover: the log serves a handover from second.example/log at size 152, but entry 151 is not its key rotation',
    );
    const none = rotatedLog(k2.signer, []);
    expect(await problem(verifyLog({ fetch: none.fetch, logKey: k2.vkey }))).toBe(
      'handover: entry 100 rotates the log key, but the log serves no handover for it',
    );
  });
});
