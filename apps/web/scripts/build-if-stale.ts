import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = resolve(webDir, '../..');
/** Where the server looks for the app by default (see apps/server/src/main.ts). */
export const webDist = join(webDir, 'dist');

/** Everything the bundle is built from: the app and the workspace packages it pulls in. */
const sources = [
  join(webDir, 'src'),
  join(webDir, 'public'),
  join(webDir, 'index.html'),
  join(webDir, 'vite.config.ts'),
  join(webDir, 'scripts'),
  join(repoDir, 'package-lock.json'),
  ...['sdk', 'protocol', 'crypto', 'merkle-log', 'governance'].map((p) =>
    join(repoDir, 'packages', p, 'src'),
  ),
];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

async function isFresh(): Promise<boolean> {
  const built = await stat(join(webDist, 'index.html')).catch(() => undefined);
  if (!built) return false;
  const newest = Math.max(...(await Promise.all(sources.map(newestMtime))));
  return built.mtimeMs >= newest;
}

/**
 * Builds apps/web/dist when it is missing or older than its sources; a no-op (tens of milliseconds) otherwise.
 * Parallel callers (test files in several workers) take turns on a lock directory, and the new build replaces
 * the old one by rename, so a server never serves a half-written dist.
 */
export async function ensureWebBuild(): Promise<'fresh' | 'built'> {
  if (await isFresh()) return 'fresh';
  const lock = join(
    tmpdir(),
    `parley-web-build-${Buffer.from(webDir).toString('base64url').slice(-40)}.lock`,
  );
  await acquire(lock);
  try {
    if (await isFresh()) return 'fresh';
    const staging = `${webDist}.tmp-${process.pid}`;
    await build({
      root: webDir,
      configFile: join(webDir, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging },
    });
    const old = `${webDist}.old-${process.pid}`;
    await rename(webDist, old).catch(() => undefined);
    await rename(staging, webDist);
    await rm(old, { recursive: true, force: true });
    return 'built';
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if (!(error instanceof Error) || Reflect.get(error, 'code') !== 'EEXIST') throw error;
      // A lock older than any build is left by a killed process: take it over.
      const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? 0);
      if (age > 120_000 || Date.now() > deadline) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await ensureWebBuild();
  process.stderr.write(
    result === 'built'
      ? `Built the web app in ${Date.now() - started} ms.\n`
      : 'The web app build is up to date.\n',
  );
}
