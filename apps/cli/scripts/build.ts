import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
/** The compiled `parley`: `node apps/cli/dist/parley.mjs serve` needs no TypeScript loader. */
export const cliBundle = join(cliDir, 'dist', 'parley.mjs');

/**
 * Workspace packages are compiled into the bundle; every npm package stays an import resolved from
 * node_modules at run time, so native and WebAssembly files (argon2, PGlite) load from their own packages
 * and the production install is exactly the workspaces' `dependencies`.
 */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@parley/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Compiles the CLI (and the server it embeds for `parley serve`) to one ES module for Node 20. */
export async function buildCli(outfile = cliBundle): Promise<void> {
  const { version } = JSON.parse(await readFile(join(cliDir, 'package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: [join(cliDir, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    legalComments: 'linked',
    banner: { js: `#!/usr/bin/env node\n// Parley ${version}, compiled by apps/cli/scripts/build.ts.` },
    plugins: [npmPackagesExternal],
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildCli();
  process.stderr.write(`Compiled the CLI and server to ${cliBundle} in ${Date.now() - started} ms.\n`);
}
