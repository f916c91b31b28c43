/**
 * Every table has one owner: the only module that writes it (insert, update, delete). Other modules should
 * read it through the owner's store; the reads that do not yet are listed below, so a new one fails this
 * test and one that is removed must be struck from the list. Kysely calls (selects, joins and writes) with a
 * literal table name are what is checked; raw SQL and dynamic table names are not seen here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const modules = fileURLToPath(new URL('../src/modules/', import.meta.url));

/** Reads of another module's table that remain to be moved behind the owner's store (module → tables). */
const crossReads: Readonly<Record<string, readonly string[]>> = {
  auth: ['accounts', 'devices'],
  'disclosure-log': ['governance_events'],
  'gov-cases': ['accounts'],
  'gov-notices': ['accounts'],
  'gov-productions': ['accounts', 'devices', 'gov_case_targets', 'group_members', 'groups'],
  groups: ['accounts', 'devices'],
};

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

async function tableUses() {
  const uses: { module: string; kind: 'read' | 'write'; table: string }[] = [];
  const call =
    /\b(selectFrom|innerJoin|leftJoin|insertInto|updateTable|deleteFrom)\(\s*'([a-z_]+)(?: as [a-z_]+)?'/g;
  for (const file of await sources(modules)) {
    const module = relative(modules, file).split(sep)[0] ?? '';
    for (const [, verb, table] of (await readFile(file, 'utf8')).matchAll(call)) {
      if (table)
        uses.push({
          module,
          kind: verb === 'selectFrom' || verb?.endsWith('Join') ? 'read' : 'write',
          table,
        });
    }
  }
  return uses;
}

it('gives every table one writing module, and lists every read of another module’s table', async () => {
  const uses = await tableUses();
  const writers = new Map<string, Set<string>>();
  for (const u of uses.filter((u) => u.kind === 'write'))
    writers.set(u.table, (writers.get(u.table) ?? new Set()).add(u.module));
  const shared = [...writers].filter(([, w]) => w.size > 1).map(([t, w]) => `${t}: ${[...w].join(', ')}`);
  expect(shared, 'tables written by more than one module').toEqual([]);

  const found: Record<string, string[]> = {};
  for (const u of uses.filter((u) => u.kind === 'read')) {
    const owner = writers.get(u.table);
    if (owner === undefined || owner.has(u.module)) continue;
    const tables = found[u.module] ?? [];
    if (!tables.includes(u.table)) found[u.module] = [...tables, u.table];
  }
  for (const tables of Object.values(found)) tables.sort();
  expect(found).toEqual(crossReads);
});
