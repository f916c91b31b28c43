import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listColumns, type ParleyServer } from '../src/index.ts';
import { startServer } from './support/start.ts';

const inventoryPath = new URL('../../../docs/data-inventory.md', import.meta.url);

/** The rows of the inventory table: `| table | column | ... |`. */
async function inventory(): Promise<Set<string>> {
  const text = await readFile(inventoryPath, 'utf8');
  const rows = text
    .split('\n')
    .filter((line) => /^\| [a-z_]+ \| [a-z_]+ \|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, table, column]) => `${table}.${column}`)
    .filter((name) => name !== 'table.column');
  return new Set(rows);
}

let server: ParleyServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('the data inventory', () => {
  it('lists every column of the database, and nothing that is not there', async () => {
    const columns = new Set((await listColumns(server.context.db)).map((c) => `${c.table}.${c.column}`));
    const listed = await inventory();
    expect(columns.size).toBeGreaterThan(30);
    expect([...columns].filter((c) => !listed.has(c))).toEqual([]);
    expect([...listed].filter((c) => !columns.has(c))).toEqual([]);
  });
});
