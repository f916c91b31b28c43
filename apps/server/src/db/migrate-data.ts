import { type Kysely, sql } from 'kysely';
import { type Db, openDatabase } from './database.ts';

/** The target already holds Parley data, or another refusal that leaves both databases as they were. */
export class MigrateDataError extends Error {
  override readonly name = 'MigrateDataError';
}

export type MigratedTable = Readonly<{ table: string; rows: number }>;

type Row = Record<string, unknown>;
/** Tables by name only: the copy moves whatever columns each table has. */
type AnyDb = Kysely<Record<string, Row>>;
const batchRows = 200;

/**
 * Copies an embedded data directory into PostgreSQL: both are brought to the same schema by the server's
 * own migrations, then every table is copied in foreign-key order and every sequence is set past its
 * highest id. The source is opened under its lock, so no server may be running on it; the target must
 * hold no Parley data yet. The copy runs in one transaction on the target: it lands whole or not at all.
 */
export async function migrateData(
  from: Readonly<{ dataDir: string }>,
  to: Readonly<{ url: string; schema?: string }>,
  progress: (done: MigratedTable) => void = () => {},
): Promise<MigratedTable[]> {
  const source = await openDatabase({ dataDir: from.dataDir });
  try {
    const target = await openDatabase({ url: to.url, ...(to.schema ? { schema: to.schema } : {}) });
    try {
      const held = await sql<{ n: number }>`select count(*)::int as n from log_keys`.execute(target);
      if ((held.rows[0]?.n ?? 0) > 0)
        throw new MigrateDataError('the target database already holds Parley data; give an empty database');
      const tables = await copyOrder(target);
      const jsonColumns = await jsonbColumns(target);
      return await target.transaction().execute(async (typed) => {
        const tx = typed as unknown as AnyDb;
        const done: MigratedTable[] = [];
        for (const table of tables) {
          const rows = await copyTable(source, tx, table, jsonColumns.get(table) ?? new Set());
          await resetSequences(tx, table);
          const entry = { table, rows };
          done.push(entry);
          progress(entry);
        }
        return done;
      });
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

/** The schema's tables, each after every table it references; the migrator's own tables left out. */
async function copyOrder(db: Db): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely_migration%'
    order by table_name`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select distinct tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  const parents = new Map<string, Set<string>>(tables.rows.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of references.rows) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < parents.size) {
    const ready = [...parents].filter(([t, ps]) => !placed.has(t) && [...ps].every((p) => placed.has(p)));
    if (ready.length === 0) throw new MigrateDataError('the schema has a cycle of foreign keys');
    for (const [table] of ready) {
      ordered.push(table);
      placed.add(table);
    }
  }
  return ordered;
}

async function jsonbColumns(db: Db): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = current_schema() and data_type in ('json', 'jsonb')`.execute(db);
  const byTable = new Map<string, Set<string>>();
  for (const { table, column } of rows) byTable.set(table, (byTable.get(table) ?? new Set()).add(column));
  return byTable;
}

async function copyTable(source: Db, target: AnyDb, table: string, json: ReadonlySet<string>) {
  const { rows } = await sql<Row>`select * from ${sql.table(table)}`.execute(source);
  for (let i = 0; i < rows.length; i += batchRows) {
    const batch = rows.slice(i, i + batchRows).map((row) => {
      const out: Row = {};
      // node-pg would send a JavaScript array as a PostgreSQL array, not as JSON.
      for (const [column, value] of Object.entries(row))
        out[column] = json.has(column) && value !== null ? JSON.stringify(value) : value;
      return out;
    });
    await target.insertInto(table).values(batch).execute();
  }
  return rows.length;
}

async function resetSequences(db: AnyDb, table: string): Promise<void> {
  const { rows } = await sql<{ column: string; sequence: string }>`
    select column_name as column, pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
    from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
      and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`.execute(db);
  for (const { column, sequence } of rows)
    await sql`select setval(${sequence}, coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
}
