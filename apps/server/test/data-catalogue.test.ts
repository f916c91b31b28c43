import { readFile } from 'node:fs/promises';
import { dataCatalogue } from '@parley/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listColumns, type ParleyServer } from '../src/index.ts';
import { categoryColumns } from '../src/modules/data-catalogue/category-columns.ts';
import { call } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

const inventoryPath = new URL('../../../docs/data-inventory.md', import.meta.url);

/** `table.column` → the inventory's tier cell (`basic`, `records`, `none`, `none (content, E2EE)` …). */
async function inventoryTiers(): Promise<Map<string, string>> {
  const text = await readFile(inventoryPath, 'utf8');
  return new Map(
    text
      .split('\n')
      .filter((line) => /^\| [a-z_]+ \| [a-z_]+ \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map((cells): [string, string] => [`${cells[1]}.${cells[2]}`, cells[6] ?? '']),
  );
}

/** The inventory's word for each catalogue tier: one vocabulary, checked both ways. */
const inventoryWord = {
  basic_subscriber: 'basic',
  non_content_records: 'records',
  content: 'none (content, E2EE)',
} as const;

let server: ParleyServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('the data catalogue', () => {
  it('catalogues every column of the database, in agreement with the data inventory', async () => {
    const tiers = await inventoryTiers();
    const columns = (await listColumns(server.context.db)).map((c) => `${c.table}.${c.column}`);
    const categoryOf = new Map<string, string>();
    for (const [id, { columns: held }] of Object.entries(categoryColumns))
      for (const column of held) categoryOf.set(column, id);
    // A mapped column that does not exist is a catalogue promising data the schema lost.
    expect([...categoryOf.keys()].filter((c) => !columns.includes(c))).toEqual([]);
    const disagreements = columns.flatMap((column) => {
      const tier = tiers.get(column);
      const category = dataCatalogue.find((c) => c.id === categoryOf.get(column));
      const expected = category?.tier ? inventoryWord[category.tier] : undefined;
      if (tier === undefined) return [`${column}: not in the inventory`];
      if (expected !== undefined) return tier === expected ? [] : [`${column}: ${category?.id} but ${tier}`];
      // Unmapped (or mapped to a never-disclosable category): the inventory must say no instrument reaches it.
      return tier === 'none' || (tier.startsWith('none (') && !tier.includes('content'))
        ? []
        : [`${column}: tier ${tier} but in no disclosable category`];
    });
    expect(disagreements).toEqual([]);
  });

  it('is public, lists every category, and states that message content is end-to-end encrypted', async () => {
    const r = await call(server.url, 'catalogue', {});
    expect(r.status).toBe(200);
    expect(r.body.categories.map((c) => c.id)).toEqual(dataCatalogue.map((c) => c.id));
    expect(r.body.categories.find((c) => c.id === 'message_content')).toMatchObject({
      holding: 'e2ee',
      disclosable: false,
      minimumTier: 'content',
      columns: ['group_messages.payload'],
    });
    expect(r.body.categories.find((c) => c.id === 'account_basic')).toMatchObject({
      holding: 'held',
      disclosable: true,
      minimumTier: 'basic_subscriber',
      retention: 'life of the account',
    });
    for (const c of r.body.categories) expect(c.columns.length === 0, c.id).toBe(c.holding === 'not_held');
    const columns = await listColumns(server.context.db);
    const catalogued = [...r.body.categories.flatMap((c) => c.columns), ...r.body.notDisclosable];
    expect(catalogued.sort()).toEqual(columns.map((c) => `${c.table}.${c.column}`).sort());
    expect(r.body.notDisclosable).toContain('gov_documents.content');
  });
});
