/**
 * The route an auditor reads epochs from: each epoch's audit with its record's inclusion in a checkpoint
 * the auditor opened, cacheable forever, and a specific refusal for an epoch or size that does not exist.
 */
import {
  decodeEpochAudit,
  verifyEpochAudit,
  verifyEpochExtension,
  verifyLoggedEpoch,
} from '@parley/key-directory';
import { fromBase64, openCheckpoint, verifierFromKey } from '@parley/merkle-log';
import { fromBase64url } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../../src/index.ts';
import { call, RawDevice } from '../support/raw-client.ts';
import { startServer } from '../support/start.ts';

let server: ParleyServer;
beforeAll(async () => {
  server = await startServer({ ktEpochIntervalMs: 0 });
  for (const name of ['ada', 'ben', 'cyd']) await RawDevice.register(server.url, name);
});
afterAll(async () => {
  await server?.close();
});

/** The checkpoint as an auditor opens it, under the keys the server publishes. */
async function openedCheckpoint() {
  const keys = (await call(server.url, 'ktKeys', {})).body;
  const served = await call(server.url, 'ktCheckpoint', {});
  expect(served.headers.get('cache-control')).toBe('no-cache, max-age=5');
  return openCheckpoint(served.body.checkpoint, { origin: keys.origin, log: verifierFromKey(keys.noteKey) })
    .checkpoint;
}

const audit = (epoch: string, size: string) =>
  fetch(`${server.url}/v1/kt/audit/${epoch}?size=${size}`).then(async (r) => ({
    status: r.status,
    cache: r.headers.get('cache-control'),
    body: await r.json(),
  }));

describe('ktAudit', () => {
  it('serves every epoch, logged in the checkpoint and verifying in order, cacheable forever', async () => {
    const checkpoint = await openedCheckpoint();
    expect(checkpoint.size).toBe(3);
    let previous = null;
    for (let epoch = 0; epoch < checkpoint.size; epoch++) {
      const served = await audit(String(epoch), String(checkpoint.size));
      expect(served.status).toBe(200);
      expect(served.cache).toBe('public, max-age=31536000, immutable');
      const decoded = decodeEpochAudit(fromBase64url(served.body.audit));
      const inclusion = served.body.inclusion.map(fromBase64);
      const record = verifyLoggedEpoch(checkpoint, { record: decoded.record, inclusion });
      expect(record.epoch).toBe(epoch);
      verifyEpochAudit({ ...decoded, previous });
      expect(decoded.events).toHaveLength(1);
      previous = record;
    }
  });

  it('proves an old epoch against an older checkpoint the auditor still holds, and the log extends it', async () => {
    const old = await openedCheckpoint();
    await RawDevice.register(server.url, 'dot');
    const grown = await openedCheckpoint();
    const served = await audit('1', String(old.size));
    const decoded = decodeEpochAudit(fromBase64url(served.body.audit));
    verifyLoggedEpoch(old, { record: decoded.record, inclusion: served.body.inclusion.map(fromBase64) });
    const consistency = await call(server.url, 'ktConsistency', {
      query: { from: old.size, to: grown.size },
    });
    expect(consistency.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    verifyEpochExtension(old, grown, consistency.body.proof.map(fromBase64));
  });

  it('refuses, uncached, an epoch past the size asked for, a size not yet published and a non-number', async () => {
    const size = (await openedCheckpoint()).size;
    const outside = await audit(String(size), String(size));
    expect([outside.status, outside.body.error.code, outside.cache]).toEqual([
      400,
      'epoch_outside_log',
      null,
    ]);
    const ahead = await audit('0', String(size + 1));
    expect([ahead.status, ahead.body.error.code, ahead.cache]).toEqual([404, 'epoch_not_published', null]);
    for (const bad of ['-1', '1.5', 'one', '9007199254740992']) {
      const refused = await audit(bad, String(size));
      expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);
    }
  });
});
