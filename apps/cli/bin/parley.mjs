#!/usr/bin/env node
// From a clone the CLI is TypeScript run through tsx, so `npx parley` works straight after `npm ci` with no
// build step. An install without dev dependencies has no tsx: it runs the compiled build (`npm run build`).
const tsx = await import('tsx/esm/api').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
  throw error;
});
if (tsx) {
  tsx.register();
  await import('../src/main.ts');
} else {
  await import('../dist/parley.mjs');
}
