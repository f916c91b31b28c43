import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

/** What a backup wrote or a restore read. */
export type BackupSummary = Readonly<{ dataDir: string; file: string; bytes: number }>;

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Writes the embedded database in `dataDir` to `file` as a gzipped tar (PGlite's `dumpDataDir`). It takes the
 * directory's lock first, so it refuses while a server runs on it: files copied under a live server are not
 * a consistent database. The file holds everything the server holds, keys included: it is written 0600.
 */
export async function backupDataDir(dataDir: string, file: string): Promise<BackupSummary> {
  const dir = resolve(dataDir);
  const out = resolve(file);
  if (!(await stat(resolve(dir, 'PG_VERSION')).catch(() => undefined)))
    throw new BackupError(`${dir} holds no Parley database (no PG_VERSION)`);
  const lock = await lockOrExplain(dir, 'back it up');
  try {
    const db = await PGlite.create({ dataDir: dir });
    let dump: Blob;
    try {
      dump = await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
    const bytes = new Uint8Array(await dump.arrayBuffer());
    // Written beside the target and renamed, so an interrupted backup never leaves a truncated file there.
    const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
    await writeFile(partial, bytes, { mode: 0o600, flag: 'wx' });
    await rename(partial, out);
    return { dataDir: dir, file: out, bytes: bytes.length };
  } finally {
    await lock.release();
  }
}

/**
 * Restores a backup made by `backupDataDir` into `dataDir`, which must be missing or empty so a restore never
 * mixes two databases. The restored database is migrated by the next `parley serve`.
 */
export async function restoreDataDir(dataDir: string, file: string): Promise<BackupSummary> {
  const dir = resolve(dataDir);
  const from = resolve(file);
  const bytes = await readFile(from);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new BackupError(`${from} is not a Parley backup (not gzip)`);
  const present = await readdir(dir).catch(() => []);
  if (present.length > 0) throw new BackupError(`${dir} is not empty: restore into a new or empty directory`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = await lockOrExplain(dir, 'restore into it');
  try {
    const db = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([bytes]) });
    try {
      // The tar carries the lock file of the process that made the backup: this process holds the directory.
      await lock.reassert();
      await db.query('select 1');
    } finally {
      await db.close();
    }
    return { dataDir: dir, file: from, bytes: bytes.length };
  } finally {
    await lock.release();
  }
}

async function lockOrExplain(dir: string, action: string) {
  try {
    return await lockDataDir(dir);
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new BackupError(
        `a Parley process (pid ${error.holder.pid}) is using ${dir}: stop it before you ${action}, since files ` +
          `copied under a running server are not a consistent database`,
      );
    throw error;
  }
}
