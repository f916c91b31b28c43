import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompressPlugin } from './scripts/precompress.ts';

/** Modules only the messenger runs: the MLS library and the SDK's messaging, identity and storage. */
const messengerOnly =
  /node_modules[\\/](ts-mls|@hpke)[\\/]|packages[\\/]sdk[\\/]src[\\/](messaging|identity|store|notices)[\\/]|packages[\\/]sdk[\\/]src[\\/](client|session)\.ts|apps[\\/]web[\\/]src[\\/](messenger[\\/]|app-state\.ts)/;

/** Every byte the page loads comes from the Parley server itself: no data: URIs, no inline preload script. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [precompressPlugin()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      // Code that several areas use goes into chunks of its own, never into the messenger's (which carries
      // the MLS library), so an officer, a reviewer or a reader of the public pages never downloads it.
      output: {
        // Modules run in the order the source imports them, even across chunks: `strict-csp.ts` sets zod to
        // jitless before any schema in the shared chunk is built (the CSP forbids the eval zod would probe).
        strictExecutionOrder: true,
        codeSplitting: {
          groups: [
            { name: 'messenger', test: messengerOnly, priority: 2, includeDependenciesRecursively: false },
            { name: 'shared', minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/v1': { target: 'http://localhost:8080', ws: true } } },
});
