import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Drops a test's PostgreSQL schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** Where a database lives, as `createServer` and the operator commands take it. */
export type DatabaseTarget = Readonly<{ dataDir?: string; databaseUrl?: string; databaseSchema?: string }>;

/**
 * One database that outlives the servers started on it (restarts, operator commands between them): a PGlite
 * directory, or a schema of the PostgreSQL named by PARLEY_TEST_DATABASE_URL. Removed on dispose.
 */
export async function durableDatabase(): Promise<DatabaseTarget & AsyncDisposable> {
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    return { databaseUrl: url, databaseSchema: schema, [Symbol.asyncDispose]: () => dropSchema(url, schema) };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-db-'));
  return { dataDir, [Symbol.asyncDispose]: () => rm(dataDir, { recursive: true, force: true }) };
}
