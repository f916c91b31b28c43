import { randomBytes } from 'node:crypto';
import { type ClientStore, type FetchLike, MemoryStore, ParleyClient, type WitnessPolicy } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { createServer, type ParleyServer, type ServerConfig } from '@parley/server';
import pg from 'pg';
import { nextEvent } from './events.ts';

export type NetworkOptions = Readonly<{
  /** How many registered, connected clients to start with (named alice, bob, carol, …). */
  clients?: number;
  /**
   * 'postgres' needs PARLEY_TEST_DATABASE_URL; by default that database is used whenever the variable is set
   * (each network in a fresh schema, dropped on dispose), and in-memory PGlite otherwise.
   */
  database?: 'pglite' | 'postgres';
  /** Server settings to change (witnesses, epoch timer, a log sink). */
  server?: Partial<ServerConfig>;
}>;

export type TestNetwork = AsyncDisposable &
  Readonly<{
    server: ParleyServer;
    url: string;
    clients: readonly ParleyClient[];
    /** A client with an empty profile (not registered), for link, reopen and negative tests. */
    blankClient: (options?: ClientOverrides) => ParleyClient;
    /** Registers and connects a new account. */
    addClient: (username: string, options?: ClientOverrides) => Promise<ParleyClient>;
    close: () => Promise<void>;
  }>;

/**
 * What a test may swap in: a store (e.g. a FileStore to reopen later), a fetch that records calls, or a
 * clock it moves.
 */
export type ClientOverrides = Readonly<{
  store?: ClientStore;
  fetch?: FetchLike;
  clock?: () => number;
  /** The witness quorum the client requires of key directory checkpoints. */
  witnesses?: WitnessPolicy;
}>;

const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

/** Starts a real server in-process plus N sdk clients against it, with nothing mocked. */
export async function startNetwork(options: NetworkOptions = {}): Promise<TestNetwork> {
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  const database = options.database ?? (url ? 'postgres' : 'pglite');
  if (database === 'postgres' && !url) throw new Error('database "postgres" needs PARLEY_TEST_DATABASE_URL');
  const schema = database === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  // An unreachable PostgreSQL makes createServer throw: the test fails, it is never skipped.
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    ...(url && schema ? { databaseUrl: url, databaseSchema: schema } : {}),
    ...options.server,
  });
  const live: ParleyClient[] = [];
  const initial: ParleyClient[] = [];
  const blankClient = (overrides: ClientOverrides = {}) => {
    const client = new ParleyClient({
      serverUrl: server.url,
      store: overrides.store ?? new MemoryStore(),
      ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
      ...(overrides.clock ? { clock: overrides.clock } : {}),
      ...(overrides.witnesses ? { witnesses: overrides.witnesses } : {}),
      socketFactory: nodeSocketFactory,
      reconnectBackoff: { baseMs: 50, capMs: 1000 },
    });
    live.push(client);
    return client;
  };
  /** A registered client, connected and done with what it does at each connection (it has `synced`). */
  const addClient = async (username: string, overrides: ClientOverrides = {}) => {
    const client = blankClient(overrides);
    await client.register(username);
    const synced = nextEvent(client, 'synced');
    await client.connect();
    await synced;
    return client;
  };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await Promise.allSettled(live.map((c) => c.close()));
      await server.close();
      if (url && schema) await dropSchema(url, schema);
    })();
    return closing;
  };
  try {
    for (let i = 0; i < (options.clients ?? 0); i++) initial.push(await addClient(names[i] ?? `user${i}`));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    server,
    url: server.url,
    clients: initial,
    blankClient,
    addClient,
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
