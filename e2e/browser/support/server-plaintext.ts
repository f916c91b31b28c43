import type { ParleyServer } from '@parley/server';
import { sql } from 'kysely';

/** Which of `needles` appear anywhere in the server's database (every table, every cell, text or bytes). */
export async function serverHoldsAny(server: ParleyServer, needles: readonly string[]): Promise<string[]> {
  const db = server.context.db;
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  if (tables.rows.length < 5) throw new Error('expected the server schema to be there');
  const found = new Set<string>();
  const encoded = needles.map((text) => ({ text, bytes: new TextEncoder().encode(text) }));
  for (const { table_name } of tables.rows) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(db);
    for (const row of rows)
      for (const value of Object.values(row))
        for (const needle of encoded) {
          const hit =
            value instanceof Uint8Array
              ? Buffer.from(value).includes(Buffer.from(needle.bytes))
              : JSON.stringify(value ?? null).includes(needle.text);
          if (hit) found.add(needle.text);
        }
  }
  return [...found];
}
