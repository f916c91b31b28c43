/**
 * docs/ARCHITECTURE.md is the map of the tree: every package, app, server folder and server module has a
 * line there, so a new one cannot be added without saying where it fits, and a stale map fails here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const folders = async (path: string) =>
  (await readdir(new URL(path, root), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

it('names every package, app, server folder and server module in backticks', async () => {
  const map = await readFile(new URL('docs/ARCHITECTURE.md', root), 'utf8');
  const expected = [
    ...(await folders('packages/')).map((name) => `\`packages/${name}/\``),
    ...(await folders('apps/')).map((name) => `\`apps/${name}/\``),
    ...(await folders('apps/server/src/')).map((name) => `\`src/${name}/`),
    ...(await folders('apps/server/src/modules/')).map((name) => `${name}/\``),
  ];
  expect(expected.length).toBeGreaterThan(25);
  expect(expected.filter((entry) => !map.includes(entry))).toEqual([]);
});
