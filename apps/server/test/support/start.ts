import { randomBytes } from 'node:crypto';
import { createServer, type ParleyServer, type ServerConfig } from '../../src/index.ts';
import { dropSchema } from './durable-database.ts';

/**
 * Starts a server for a test: in-memory PGlite, or the PostgreSQL named by PARLEY_TEST_DATABASE_URL in a
 * fresh schema that is dropped afterwards. An unreachable PostgreSQL fails the test.
 */
export async function startServer(options: Partial<ServerConfig> = {}): Promise<ParleyServer> {
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    ...(url && schema ? { databaseUrl: url, databaseSchema: schema } : {}),
    ...options,
  });
  if (!url || !schema) return server;
  const close = async () => {
    await server.close();
    await dropSchema(url, schema);
  };
  return { ...server, close, [Symbol.asyncDispose]: close };
}
