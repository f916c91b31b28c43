/**
 * The disk under the embedded database fills up: writes are refused with `storage_full` and a time to retry
 * (not a 500, not a hang), the server keeps answering probes and reads, nothing refused is stored, nothing
 * acknowledged is lost, and writes succeed again once space is freed.
 *
 * The server runs in its own user and mount namespaces (`unshare`, no privileges needed) on a 64 MB tmpfs;
 * the test fills and frees that disk through `/proc/<pid>/root`, which resolves paths in the server's mounts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fullDiskScenario } from './support/full-disk.ts';
import { type ServerProcess, spawnServer } from './support/process.ts';

const mountPoint = '/mnt';
const mountTmpfs = `mount -t tmpfs -o size=64m tmpfs ${mountPoint} && exec "$@"`;

describe('a full disk under the embedded database', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer(
      ['--data', join(mountPoint, 'data')],
      ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', mountTmpfs, 'sh'],
    );
  });
  afterAll(async () => {
    await server?.kill();
  });

  it('refuses writes with storage_full while full, keeps serving, and resumes when space is freed', async () => {
    const ballast = `/proc/${server.child.pid}/root${mountPoint}/ballast`;
    await fullDiskScenario(server.url, ballast, server.stdout);
  });
});
