import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file inside an embedded data directory that names the process holding it. */
export const lockFileName = 'parley.lock';

type Holder = Readonly<{ pid: number; host: string; started: string | null }>;

/** Another live process holds the data directory; the message names the directory and the holder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Holder,
  ) {
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
    super(
      `the data directory ${dataDir} is in use by another Parley process (${where}); ` +
        'stop it first, or give this one another directory',
    );
    this.name = 'DataDirLockedError';
  }
}

/** An exclusive hold on a data directory, released by `release` or by the holder's death. */
export type DataDirLock = Readonly<{
  path: string;
  /** Writes the lock again, after something (a restore) replaced the directory's files. */
  reassert: () => Promise<void>;
  release: () => Promise<void>;
}>;

/**
 * Takes the data directory with a pid file that is created only if none exists. A lock whose process is gone (killed, the
 * machine rebooted, the container restarted with the same pid) is stale and taken over at once, so a crash
 * never blocks a restart; "gone" compares the process's start time too, so a reused pid does not hold it.
 * A lock written on another host cannot be checked and is never taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, lockFileName);
  const me: Holder = { pid: process.pid, host: hostname(), started: await startTime(process.pid) };
  const content = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWhole(path, content))
      return {
        path,
        reassert: () => replaceWhole(path, content),
        release: () => unlink(path).catch(() => undefined),
      };
    const seen = await readFile(path, 'utf8').catch(() => '');
    const holder = parseHolder(seen);
    if (holder && !(await isStale(holder))) throw new DataDirLockedError(dataDir, holder);
    // Remove it only if it is still the stale lock just judged, so a fresh one taken meanwhile stands.
    if ((await readFile(path, 'utf8').catch(() => '')) === seen) await unlink(path).catch(() => undefined);
  }
  throw new Error(`could not take the lock ${path}: it keeps changing`);
}

/**
 * Creates `path` holding `content`, or returns false when it exists. Written aside and hard-linked into
 * place, so no reader ever sees the lock empty or half-written and mistakes it for a stale one.
 */
async function createWhole(path: string, content: string): Promise<boolean> {
  const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(aside, content, { flag: 'wx', mode: 0o600 });
  try {
    await link(aside, path);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    // A file system without hard links: O_EXCL alone, with a moment where the file is still empty.
    if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP')) throw error;
    return await writeFile(path, content, { flag: 'wx', mode: 0o600 }).then(
      () => true,
      (failure: unknown) => (isCode(failure, 'EEXIST') ? false : Promise.reject(failure)),
    );
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

async function replaceWhole(path: string, content: string): Promise<void> {
  const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(aside, content, { flag: 'wx', mode: 0o600 });
  await rename(aside, path);
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const pid: unknown = Reflect.get(value, 'pid');
    const host: unknown = Reflect.get(value, 'host');
    const started: unknown = Reflect.get(value, 'started');
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof host !== 'string')
      return undefined;
    return { pid, host, started: typeof started === 'string' ? started : null };
  } catch {
    // A foreign file holds nothing: every lock is linked into place whole.
    return undefined;
  }
}

async function isStale(holder: Holder): Promise<boolean> {
  if (holder.host !== hostname()) return false;
  if (!isAlive(holder.pid)) return true;
  const started = await startTime(holder.pid);
  return holder.started !== null && started !== null && started !== holder.started;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isCode(error, 'EPERM');
  }
}

/** The process's start time in clock ticks since boot (Linux /proc), to tell a reused pid from its holder. */
async function startTime(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'code') === code;
}
