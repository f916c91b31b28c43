/**
 * PostgreSQL restarts (`pg_ctl stop -m fast`, then start) under a running server while a member keeps
 * sending: requests meanwhile are refused at once with `database_unavailable` and a time to retry (no hang,
 * no 500), probes tell the truth, and once the database is back the member's retries go through and the
 * reader gets every acknowledged message exactly once, in order. The cluster is the test's own, so the shared
 * server other tests use is not disturbed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createServer } from '../src/index.ts';
import { PgCluster } from './support/pg-cluster.ts';
import { call, opaque, randomId, twoMemberGroup } from './support/raw-client.ts';

it('rides out a PostgreSQL restart under load, losing nothing it acknowledged', async () => {
  await using pg = await PgCluster.create();
  const logged: string[] = [];
  await using server = await createServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: pg.url,
    log: (event) => logged.push(event),
  });
  const { first: sender, second: reader, groupId } = await twoMemberGroup(server.url, ['sender', 'reader']);

  // A member sends about 20 messages a second, retrying a refused send with the same id, as the SDK does.
  const acknowledged: number[] = [];
  const refusals = new Map<string, number>();
  let sending = true;
  const load = (async () => {
    while (sending) {
      const id = randomId();
      for (;;) {
        const started = performance.now();
        const sent = await sender.call('send', { params: { groupId }, body: { id, payload: opaque() } });
        expect(performance.now() - started).toBeLessThan(6_000);
        if (sent.status === 201) {
          acknowledged.push(sent.body.seq);
          break;
        }
        const code = sent.body.error?.code ?? String(sent.status);
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
        expect(sent.headers.get('retry-after')).toBe('5');
        await sleep(100);
      }
      await sleep(50);
    }
  })();

  await sleep(500);
  await pg.stop();
  await expect.poll(() => refusals.get('database_unavailable') ?? 0).toBeGreaterThan(0);
  expect((await call(server.url, 'health', {})).status).toBe(200);
  const ready = await call(server.url, 'ready', {});
  expect(ready.body.error).toMatchObject({ code: 'not_ready', details: { failed: ['database'] } });
  await sleep(1_000);

  await pg.start();
  const before = acknowledged.length;
  await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(before + 5);
  sending = false;
  await load;

  // Nothing but the documented refusal was ever answered, and it was logged by code.
  expect([...refusals.keys()]).toEqual(['database_unavailable']);
  expect(logged).toContain('db.unavailable');
  expect(logged).not.toContain('http.internal_error');
  await reader.connect();
  const received = reader.messages(groupId).flatMap((m) => (m.kind === 'application' ? [m.seq] : []));
  expect(received).toEqual(acknowledged);
  await reader.disconnect();
});
