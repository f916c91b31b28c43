import { randomBytes } from 'node:crypto';
import { MemoryTree, parseCheckpoint, parseSignedNote } from '@parley/merkle-log';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createServer, type ParleyServer } from '../../src/index.ts';
import { entries } from './log-fixture.ts';

// A *.pg.test.ts file runs only when PARLEY_TEST_DATABASE_URL is set (vitest.config.ts): two servers can share
// only a real PostgreSQL.
const url = process.env.PARLEY_TEST_DATABASE_URL;
if (!url) throw new Error('PARLEY_TEST_DATABASE_URL is required for this file');

describe('two server processes on one PostgreSQL database', () => {
  it('share one log key and never integrate at the same time', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const options = {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: url,
      databaseSchema: schema,
      logSequenceIntervalMs: 0,
      logBatchSize: 97,
    };
    // Started one after the other: concurrent first migrations of one schema are not supported.
    const servers: ParleyServer[] = [];
    try {
      const a = await createServer(options);
      servers.push(a);
      const b = await createServer(options);
      servers.push(b);
      expect(a.context.transparencyLog.key.vkey).toBe(b.context.transparencyLog.key.vkey);
      const appends = [];
      for (let i = 0; i < 20; i++) {
        const server = i % 2 === 0 ? a : b;
        appends.push(server.context.transparencyLog.append(entries(50, i * 50)));
        appends.push(server.context.transparencyLog.sequence());
      }
      await Promise.all(appends);
      await Promise.all([a.context.transparencyLog.sequence(), b.context.transparencyLog.sequence()]);

      const rows = await a.context.db.selectFrom('log_entries').select('data').orderBy('idx').execute();
      expect(rows).toHaveLength(1000);
      const tree = new MemoryTree();
      for (const r of rows) tree.append(r.data);
      const checkpoints = await a.context.db
        .selectFrom('log_checkpoints')
        .select(['size', 'note'])
        .orderBy('id')
        .execute();
      const last = parseCheckpoint(parseSignedNote(checkpoints.at(-1)?.note ?? '').text);
      expect(last.size).toBe(1000);
      expect(last.rootHash).toEqual(tree.root());
      for (const c of checkpoints)
        expect(parseCheckpoint(parseSignedNote(c.note).text).rootHash).toEqual(tree.root(c.size));
      const sizes = checkpoints.map((c) => c.size);
      expect(sizes).toEqual([...sizes].sort((x, y) => x - y));
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });
});
