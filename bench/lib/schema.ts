import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh PostgreSQL schema named in the URL's search_path (how a child process is pointed at it). */
export type FreshSchema = Readonly<{ url: string; drop: () => Promise<void> }>;

/** Creates the schema now, so an unreachable database fails here rather than inside the server. */
export async function freshSchema(baseUrl: string, prefix = 'bench'): Promise<FreshSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(baseUrl, (c) => c.query(`create schema ${schema}`));
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => withClient(baseUrl, (c) => c.query(`drop schema if exists ${schema} cascade`)),
  };
}

async function withClient(url: string, task: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await task(client);
  } finally {
    await client.end();
  }
}

/** Opens one admin connection for listing the server's own backends during a run. */
export async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
}

/** The pids of the backends whose connections carry `applicationName` (the server under test's pool). */
export async function backendPids(client: pg.Client, applicationName: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    'select pid from pg_stat_activity where application_name = $1',
    [applicationName],
  );
  return rows.map((r) => r.pid);
}
