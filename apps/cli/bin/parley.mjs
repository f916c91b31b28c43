#!/usr/bin/env node
// From a clone the CLI is TypeScript run through tsx, so `npx parley` works straight after `npm ci` with no
// build step. An install without dev dependencies has no tsx: it runs the compiled build (`npm run build`).
import { existsSync } from 'node:fs';

const tsx = await import('tsx/esm/api').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
  throw error;
});
const compiled = new URL('../dist/parley.mjs', import.meta.url);
if (tsx) {
  tsx.register();
  await import('../src/main.ts');
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write(
    'parley: neither tsx nor the compiled build is here: run `npm ci` or `npm run build`\n',
  );
  process.exitCode = 1;
}
