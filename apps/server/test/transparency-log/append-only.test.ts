import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../../src/index.ts';
import { entries, startLogServer } from './log-fixture.ts';

/**
 * Runs on PGlite, and on PostgreSQL when PARLEY_TEST_DATABASE_URL is set: the triggers are plain PL/pgSQL,
 * and both must refuse to rewrite the log.
 */
let server: ParleyServer;
beforeAll(async () => {
  ({ server } = await startLogServer());
  await server.context.transparencyLog.append(entries(300));
  await server.context.transparencyLog.sequence();
  await server.context.db
    .insertInto('log_cosignatures')
    .values({ checkpoint_id: 1, witness: 'w', line: '— w AAAA\n', received_at: new Date() })
    .execute();
});
afterAll(async () => server?.close());

const setClause = {
  log_entries: "data = '\\x01'",
  log_tiles: 'root = data',
  log_checkpoints: 'size = size + 1',
  log_cosignatures: "line = ''",
  // The private key's sealing may change (ADR 0008's key-encryption key); its name and public key may not.
  log_keys: "vkey = 'attacker'",
} as const;
const tables = Object.keys(setClause) as (keyof typeof setClause)[];

describe('the transparency log tables', () => {
  it.each(tables)('%s refuses UPDATE, DELETE and TRUNCATE', async (table) => {
    const db = server.context.db;
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]?.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const set = sql.raw(setClause[table]);
    await expect(sql`update ${sql.table(table)} set ${set}`.execute(db)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(sql`delete from ${sql.table(table)}`.execute(db)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(sql`truncate ${sql.table(table)} cascade`.execute(db)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect(await count()).toBe(before);
  });

  it('lets the sequencer drain the queue but refuses to rewrite a queued entry', async () => {
    const db = server.context.db;
    await server.context.transparencyLog.append(entries(1));
    await expect(sql`update log_queue set data = '\\x00'::bytea`.execute(db)).rejects.toThrow(
      /UPDATE refused/,
    );
    await server.context.transparencyLog.sequence();
    expect(await db.selectFrom('log_queue').selectAll().execute()).toEqual([]);
  });

  it('refuses a second, different root for a size already signed', async () => {
    const db = server.context.db;
    const latest = await db
      .selectFrom('log_checkpoints')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('log_checkpoints')
        .values({
          size: latest.size,
          root_hash: new Uint8Array(32),
          note: latest.note,
          signed_at: new Date(),
        })
        .execute(),
    ).rejects.toThrow(/different root/);
  });
});
