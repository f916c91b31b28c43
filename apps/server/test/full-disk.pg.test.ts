/**
 * The full-disk scenario of `full-disk.test.ts` on PostgreSQL: a cluster of the test's own on a 160 MB
 * tmpfs in a private mount namespace (root, as CI runs), filled and freed under a running server.
 * PostgreSQL raises SQLSTATE 53100 like the embedded database, and recovers without a restart.
 */
import { it } from 'vitest';
import { createServer } from '../src/index.ts';
import { fullDiskScenario } from './support/full-disk.ts';
import { PgCluster } from './support/pg-cluster.ts';

it('refuses writes with storage_full while the PostgreSQL disk is full, and resumes when space is freed', async () => {
  await using pg = await PgCluster.create({ diskMb: 160 });
  const logged: string[] = [];
  await using server = await createServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: pg.url,
    log: (event) => logged.push(event),
  });
  await fullDiskScenario(server.url, pg.ballast, () => logged.join('\n'));
});
