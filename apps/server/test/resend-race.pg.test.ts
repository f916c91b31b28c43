import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { opaque, RawDevice, randomId } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

const url = process.env.PARLEY_TEST_DATABASE_URL ?? '';
const schema = `t_race_${randomBytes(6).toString('hex')}`;
const groupId = randomId();
let server: ParleyServer;
let alice: RawDevice;
let locker: pg.Client;

beforeAll(async () => {
  server = await startServer({ databaseUrl: url, databaseSchema: schema });
  alice = await RawDevice.register(server.url, 'alice');
  expect((await alice.call('createGroup', { body: { groupId } })).status).toBe(201);
  locker = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await locker.connect();
});
afterAll(async () => {
  await alice?.disconnect();
  await server?.close();
  await locker?.query(`drop schema if exists ${schema} cascade`);
  await locker?.end();
});

/**
 * A device whose node died mid-send resends to another node while the dead node's statement is still
 * being written (PostgreSQL finishes a statement whose client has gone). The resend must be answered with
 * the first attempt's seq, not an internal error that leaves the send unanswered.
 */
it('answers a resend that races its first attempt with the first seq', async () => {
  // The first attempt, still open: it holds the group's row lock and has stored the client id.
  await locker.query('begin');
  const { rows } = await locker.query<{ last_seq: string; epoch: string }>(
    'update groups set last_seq = last_seq + 1 where id = $1 returning last_seq, epoch',
    [groupId],
  );
  const first = Number(rows[0]?.last_seq);
  await locker.query(
    `insert into group_messages (group_id, seq, kind, epoch, payload, audience, client_id, expires_at)
     values ($1, $2, 'application', $3, $4, null, 'resent-1', now() + interval '1 day')`,
    [groupId, first, rows[0]?.epoch, randomBytes(32)],
  );
  const resend = alice.call('send', { params: { groupId }, body: { id: 'resent-1', payload: opaque() } });
  // Commit only once the resend's statement waits for the lock, so it began before the first was stored.
  for (let i = 0; i < 200 && (await lockWaits()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
  await locker.query('commit');
  const answer = await resend;
  expect(answer.body).toMatchObject({ id: 'resent-1', seq: first });
});

async function lockWaits(): Promise<number> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    const { rows } = await probe.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%with input%'`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await probe.end();
  }
}
