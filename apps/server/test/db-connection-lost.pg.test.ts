/**
 * PostgreSQL drops the server's connections (a restart, a failover, an administrator's kill): the server
 * logs it without the error object, keeps running, and the next request is served on a fresh connection.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { call, RawDevice } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

const url = process.env.PARLEY_TEST_DATABASE_URL ?? '';

it('survives PostgreSQL terminating every connection of its pool', async () => {
  const logged: string[] = [];
  await using server = await startServer({
    log: (event, fields) => logged.push(`${event} ${JSON.stringify(fields ?? {})}`),
  });
  await RawDevice.register(server.url, 'before-kill');
  // Hold several pool connections at once, to learn their backend pids (they then sit idle in the pool).
  const pids = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.2)`.execute(
        server.context.db,
      );
      return Number(rows[0]?.pid);
    }),
  );
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
  } finally {
    await admin.end();
  }
  await expect.poll(() => logged.filter((l) => l.startsWith('db.connection_lost')).length).toBeGreaterThan(0);
  expect(logged.find((l) => l.startsWith('db.connection_lost'))).toMatch(/"code":"57P01"/);
  // An idle connection whose termination is still in flight may fail one probe; the pool then recovers.
  await expect.poll(async () => (await call(server.url, 'ready', {})).status, { timeout: 5000 }).toBe(200);
  expect((await RawDevice.register(server.url, 'after-kill')).username).toBe('after-kill');
});
