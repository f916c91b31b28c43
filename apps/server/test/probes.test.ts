/**
 * What a monitor and a load balancer see: liveness that no flood can hide, and readiness that names the
 * dependency that failed.
 */
import { formatVerifierKey, generateEd25519Keys, parseVerifierKey, SignatureType } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { freePort } from './support/free-port.ts';
import { call } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

describe('health and readiness probes', () => {
  it('answers /health and /ready while the client’s rate limit is spent', async () => {
    await using server = await startServer({ httpRateLimit: { perSecond: 1, burst: 3 } });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await call(server.url, 'listAgencies', {})).status);
    expect(answers).toContain(429);
    for (let i = 0; i < 20; i++) {
      expect((await call(server.url, 'health', {})).status).toBe(200);
      expect((await call(server.url, 'ready', {})).status).toBe(200);
    }
  });

  it('is ready with its database and fan-out, and names the database once it stops answering', async () => {
    const server = await startServer();
    const ready = await call(server.url, 'ready', {});
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: 'ok', fanout: 'in-process', sequencer: 'ok', witnesses: 'none' },
    });
    await server.context.db.destroy();
    const down = await call(server.url, 'ready', {});
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'not_ready', details: { failed: ['database'] } });
    expect((await call(server.url, 'health', {})).status).toBe(200);
    await server.close().catch(() => undefined);
  });

  it('reports a log whose sequencer is behind or whose witness has not cosigned, without failing readiness', async () => {
    const clock = new ManualClock('2026-04-01T09:00:00Z');
    // A witness that is configured but not running: pushes fail, so the checkpoint stays uncosigned.
    const witness = { url: `http://127.0.0.1:${await freePort()}`, vkey: WITNESS_VKEY };
    await using server = await startServer({ clock, logSequenceIntervalMs: 0, logWitnesses: [witness] });
    const checks = async () => {
      const answer = await call(server.url, 'ready', {});
      expect(answer.status).toBe(200);
      return { status: answer.body.status, ...answer.body.checks };
    };
    const log = server.context.transparencyLog;
    await log.append([new TextEncoder().encode('an event waiting for the sequencer')]);
    expect(await checks()).toMatchObject({ status: 'ready', sequencer: 'ok', witnesses: 'ok' });
    clock.advance(61_000);
    expect(await checks()).toMatchObject({ status: 'degraded', sequencer: 'behind' });
    await log.sequence();
    expect(await checks()).toMatchObject({ status: 'ready', sequencer: 'ok', witnesses: 'ok' });
    clock.advance(10 * 60_000 + 1_000);
    expect(await checks()).toMatchObject({ status: 'degraded', sequencer: 'ok', witnesses: 'stale' });
  });
});

/** The cosignature/v1 verifier key of a witness nobody runs. */
const WITNESS_VKEY = formatVerifierKey(
  'witness.example',
  SignatureType.cosignatureV1,
  parseVerifierKey(generateEd25519Keys('witness.example').vkey).publicKey,
);
