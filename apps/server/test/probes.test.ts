/**
 * What a monitor and a load balancer see: liveness that no flood can hide, and readiness that names the
 * dependency that failed.
 */
import { describe, expect, it } from 'vitest';
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
      checks: { database: 'ok', fanout: 'in-process' },
    });
    await server.context.db.destroy();
    const down = await call(server.url, 'ready', {});
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'not_ready', details: { failed: ['database'] } });
    expect((await call(server.url, 'health', {})).status).toBe(200);
    await server.close().catch(() => undefined);
  });
});
