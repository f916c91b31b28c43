import { formatSignatureLine } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/index.ts';
import { problem, staticLog, testEntries, testLogKey, testWitnessKey } from './static-log.ts';

const key = testLogKey();

describe('verifyLog over a static C2SP log', () => {
  it('verifies every tile and entry and hands the entries over in order', async () => {
    const log = staticLog(testEntries(70_000), key.signer);
    const seen: number[] = [];
    const result = await verifyLog({
      fetch: log.fetch,
      logKey: key.vkey,
      onEntries: (first, e) => seen.push(first, e.length),
    });
    expect(result.checkpoint.size).toBe(70_000);
    expect(result.state).toMatchObject({ logKey: key.vkey, size: 70_000 });
    expect(seen.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0)).toBe(70_000);
  });

  it('verifies an empty log', async () => {
    const result = await verifyLog({ fetch: staticLog([], key.signer).fetch, logKey: key.vkey });
    expect(result.state.size).toBe(0);
  });

  it('pins the key on first use and then refuses another key', async () => {
    const log = staticLog(testEntries(3), key.signer);
    const withKey = async (path: string) =>
      path === 'key' ? new TextEncoder().encode(`${key.vkey}\n`) : log.fetch(path);
    const first = await verifyLog({ fetch: withKey });
    expect(first.state.logKey).toBe(key.vkey);
    const other = testLogKey();
    expect(await problem(verifyLog({ fetch: withKey, logKey: other.vkey, previous: first.state }))).toBe(
      'log-key: the log key given differs from the one pinned in the state',
    );
  });

  it('detects a fork at a larger size: a tree that does not extend the one seen before', async () => {
    const seen = await verifyLog({ fetch: staticLog(testEntries(600), key.signer).fetch, logKey: key.vkey });
    const rewritten = [...testEntries(600), ...testEntries(100, 'more')];
    rewritten[17] = new TextEncoder().encode('rewritten history');
    const forked = staticLog(rewritten, key.signer);
    expect(await problem(verifyLog({ fetch: forked.fetch, previous: seen.state }))).toBe(
      'fork: fork: the tree of size 700 does not extend the checkpoint of size 600 seen earlier',
    );
    const honest = staticLog([...testEntries(600), ...testEntries(100, 'more')], key.signer);
    expect((await verifyLog({ fetch: honest.fetch, previous: seen.state })).state.size).toBe(700);
  });

  it('detects a rollback to a smaller tree', async () => {
    const seen = await verifyLog({ fetch: staticLog(testEntries(600), key.signer).fetch, logKey: key.vkey });
    expect(
      await problem(
        verifyLog({ fetch: staticLog(testEntries(500), key.signer).fetch, previous: seen.state }),
      ),
    ).toBe("rollback: rollback: the log's checkpoint has size 500, smaller than size 600 signed earlier");
  });

  it('requires a quorum of trusted witnesses', async () => {
    const { cosigner: witness, vkey: wkey } = testWitnessKey('w1.example');
    const plain = staticLog(testEntries(10), key.signer);
    const line = formatSignatureLine({
      name: witness.name,
      keyId: witness.keyId,
      signature: witness.sign(new TextEncoder().encode(plain.body)),
    });
    const cosigned = staticLog(testEntries(10), key.signer, line);
    const ok = await verifyLog({ fetch: cosigned.fetch, logKey: key.vkey, witnesses: [wkey], quorum: 1 });
    expect(ok.cosignatures.map((c) => c.name)).toEqual(['w1.example']);
    expect(
      await problem(verifyLog({ fetch: plain.fetch, logKey: key.vkey, witnesses: [wkey], quorum: 1 })),
    ).toBe('quorum: witness quorum not met: checkpoint has 0 cosignatures, policy needs 1');
  });

  it('requires a recent witness cosignature when asked: a log that fell silent is an alarm', async () => {
    const { cosigner: witness, vkey: wkey } = testWitnessKey('w1.example', 1_700_000_000);
    const plain = staticLog(testEntries(10), key.signer);
    const line = formatSignatureLine({
      name: witness.name,
      keyId: witness.keyId,
      signature: witness.sign(new TextEncoder().encode(plain.body)),
    });
    const cosigned = staticLog(testEntries(10), key.signer, line);
    const options = { fetch: cosigned.fetch, logKey: key.vkey, witnesses: [wkey], quorum: 1 };
    const day = 24 * 3600;
    const fresh = await verifyLog({ ...options, maxAge: { seconds: day, now: 1_700_000_000 + day - 60 } });
    expect(fresh.cosignatures[0]?.timestamp).toBe(1_700_000_000);
    expect(
      await problem(verifyLog({ ...options, maxAge: { seconds: day, now: 1_700_000_000 + 30 * 3600 } })),
    ).toBe(
      'stale: stale: the newest witness cosignature is 30.0 h old, more than the 24.0 h allowed; the log has not been re-signed and witnessed since',
    );
    expect(await problem(verifyLog({ fetch: plain.fetch, logKey: key.vkey, maxAge: { seconds: day } }))).toBe(
      'stale: stale: no trusted witness cosigned the checkpoint, so how recent it is cannot be told',
    );
  });
});
