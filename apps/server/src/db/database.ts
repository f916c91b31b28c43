import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { type Driver, Kysely, PGliteDialect, PGliteDriver, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { migrationProvider } from './migrations/registry.ts';
import type { Database } from './schema/index.ts';

export type DatabaseConfig = Readonly<{
  /** PostgreSQL URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing); lets tests share one database. */
  schema?: string;
  poolSize?: number;
  /**
   * An idle pooled connection failed (the server restarted, the network dropped): the pool discards it and
   * connects afresh on the next query. Without a listener such an error would end the process.
   */
  onPoolError?: (error: Error) => void;
}>;

export type Db = Kysely<Database>;

const int8 = 20;
const date = 1082;
/** bigint columns hold sequence numbers and epochs that stay far below 2^53. */
const parseInt8 = (value: string) => Number(value);
const keepDate = (value: string) => value;

/** Opens the database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  const db = await connectDatabase(config);
  try {
    await migrateDatabase(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Connects without migrating; tests of a data migration start from the schema before it. */
export async function connectDatabase(config: DatabaseConfig): Promise<Db> {
  return config.url ? await postgres({ ...config, url: config.url }) : await pglite(config);
}

async function postgres(config: DatabaseConfig & { url: string }): Promise<Db> {
  const schema = config.schema;
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    // A database that does not accept a connection (down, or unreachable) fails a request in bounded time.
    connectionTimeoutMillis: 5_000,
    types: { getTypeParser: pgTypeParser },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (error) => config.onPoolError?.(error));
  // A connection lost while checked out (mid-transaction, between statements) emits 'error' on its client,
  // which would end the process unheard. The statement in flight, or the next one, fails instead, and is
  // answered `database_unavailable`; the pool discards the client when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const pgTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === int8) return parseInt8;
  if (oid === date) return keepDate;
  return pg.types.getTypeParser(oid, format);
}) as typeof pg.types.getTypeParser;

async function pglite(config: DatabaseConfig): Promise<Db> {
  if (!config.dataDir) {
    const client = await PGlite.create({ parsers: { [int8]: parseInt8, [date]: keepDate } });
    return new Kysely<Database>({ dialect: new PGliteDialect({ pglite: client }) });
  }
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // Two processes on one embedded directory would each cache its pages and overwrite the other's writes.
  const lock = await lockDataDir(config.dataDir);
  try {
    const client = await PGlite.create({
      dataDir: config.dataDir,
      parsers: { [int8]: parseInt8, [date]: keepDate },
    });
    return new Kysely<Database>({ dialect: new LockedPGliteDialect(client, lock) });
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Releases the data directory's lock once the database is closed, so the directory is free again. */
class LockedPGliteDialect extends PGliteDialect {
  constructor(
    private readonly client: PGlite,
    private readonly lock: DataDirLock,
  ) {
    super({ pglite: client });
  }

  override createDriver(): Driver {
    return new LockedPGliteDriver(this.client, this.lock);
  }
}

class LockedPGliteDriver extends PGliteDriver {
  constructor(
    client: PGlite,
    private readonly lock: DataDirLock,
  ) {
    super({ pglite: client });
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      await this.lock.release();
    }
  }
}

/** Applies the registry's migrations up to `target` (by name), or all of them. */
export async function migrateDatabase(db: Db, target?: string): Promise<void> {
  // Name the schema: Kysely otherwise finds its bookkeeping tables in any schema of the database.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema, migrationLockTableSchema: schema } : {}),
  });
  const { error, results } =
    target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Lists every column of the public tables, for the data-inventory check. */
export async function listColumns(db: Db): Promise<{ table: string; column: string }[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name not like 'kysely_%'
    order by table_name, ordinal_position`.execute(db);
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}
