import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockFileName } from '../src/db/data-dir-lock.ts';
import { type ServerProcess, spawnServer } from './support/process.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../cli/bin/parley.mjs', import.meta.url));

// Always on the embedded database (each server is given --data), in both CI passes.
describe('two servers on one embedded data directory', () => {
  let dir: string;
  let other: string;
  let first: ServerProcess | undefined;
  let restarted: ServerProcess | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-lock-'));
    other = await mkdtemp(join(tmpdir(), 'parley-lock-other-'));
  });
  afterAll(async () => {
    await rm(other, { recursive: true, force: true });
    await first?.kill();
    await restarted?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses the second at once, naming the directory and the holder; a SIGKILLed holder does not block a restart', async () => {
    first = await spawnServer(['--data', dir]);
    const started = Date.now();
    const failure = (args: readonly string[]) =>
      run(process.execPath, [cli, 'serve', ...args], { timeout: 30_000 }).catch((error: unknown) => error);
    // On a port already taken a server stops too, and frees its own directory rather than hanging with it.
    const [refusal, portTaken] = await Promise.all([
      failure(['--port', '0', '--data', dir]),
      failure(['--port', new URL(first.url).port, '--data', other]),
    ]);
    expect(refusal).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `the data directory ${dir} is in use by another Parley process (pid ${first.child.pid})`,
      ),
    });
    expect(portTaken).toMatchObject({ code: 1, stderr: expect.stringContaining('EADDRINUSE') });
    await expect(readFile(join(other, lockFileName))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(Date.now() - started).toBeLessThan(25_000);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    await first.kill('SIGKILL');
    restarted = await spawnServer(['--data', dir]);
    expect((await fetch(`${restarted.url}/health`)).status).toBe(200);
    await restarted.kill();
    await expect(readFile(join(dir, lockFileName))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the data directory lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is exclusive within one process too, and free again once released', async () => {
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
    await (await lockDataDir(dir)).release();
  });

  it('takes over a lock whose pid was reused by another process', async () => {
    // This process's pid, but a start time it never had: the holder is gone and the pid belongs to us now.
    await writeFile(
      join(dir, lockFileName),
      JSON.stringify({ pid: process.pid, host: hostname(), started: '1' }),
    );
    await (await lockDataDir(dir)).release();
  });

  it('takes over a lock file that names no holder (empty or foreign), and leaves no temporary file', async () => {
    await writeFile(join(dir, lockFileName), '');
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(join(dir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('never takes over a lock written on another host, which it cannot check', async () => {
    await writeFile(join(dir, lockFileName), JSON.stringify({ pid: 1, host: 'elsewhere', started: '1' }));
    await expect(lockDataDir(dir)).rejects.toThrow('(pid 1 on elsewhere)');
    await rm(join(dir, lockFileName));
  });
});
