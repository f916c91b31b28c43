import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, ManualClock, type ServerConfig } from '@parley/server';
import { runParley } from '../parley-cli.ts';

/**
 * A log on an embedded data directory that outlives its servers, so a test can stop the server, run an
 * operator command on the directory and start it again; with a key-encryption key file, as production,
 * unless `sealed: false` leaves the log key in clear for a test that plays an operator holding it.
 * Always embedded: the server's own tests run rotation on PostgreSQL too.
 */
export async function durableLog(start: string, options: Readonly<{ sealed?: boolean }> = {}) {
  const sealed = options.sealed ?? true;
  const home = await mkdtemp(join(tmpdir(), 'parley-rotation-'));
  const dataDir = join(home, 'data');
  const keyFile = join(home, 'secret.key');
  const secretKey = new Uint8Array(randomBytes(32));
  await writeFile(keyFile, `${Buffer.from(secretKey).toString('base64')}\n`, { mode: 0o600 });
  const clock = new ManualClock(start);
  const serve = (logOrigin: string, options: Partial<ServerConfig> = {}) =>
    createServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      ...(sealed ? { secretKey } : {}),
      clock,
      logOrigin,
      logSequenceIntervalMs: 0,
      governanceSweepIntervalMs: 0,
      ...options,
    });
  /** `parley admin rotate-log-key` on the directory, as an operator runs it. */
  const rotate = (newOrigin: string) =>
    runParley('', join(home, 'cli'), [
      '--json',
      'admin',
      'rotate-log-key',
      '--data',
      dataDir,
      ...(sealed ? ['--key-file', keyFile] : []),
      '--new-origin',
      newOrigin,
    ]);
  return {
    home,
    dataDir,
    clock,
    serve,
    rotate,
    [Symbol.asyncDispose]: () => rm(home, { recursive: true, force: true }),
  };
}
