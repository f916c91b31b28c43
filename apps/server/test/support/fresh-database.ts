import { randomBytes } from 'node:crypto';
import { connectDatabase, type Db } from '../../src/db/database.ts';
import { dropSchema } from './durable-database.ts';

/**
 * An empty, unmigrated database for migration tests: in-memory PGlite, or a fresh schema of the PostgreSQL
 * named by PARLEY_TEST_DATABASE_URL, dropped on dispose.
 */
export async function freshDatabase(): Promise<Db & AsyncDisposable> {
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const db = await connectDatabase(url && schema ? { url, schema } : {});
  const dispose = async () => {
    await db.destroy();
    if (!url || !schema) return;
    await dropSchema(url, schema);
  };
  return Object.assign(db, { [Symbol.asyncDispose]: dispose });
}
