/**
 * The disk under the embedded database fills up: writes are refused with `storage_full` and a time to retry
 * (not a 500, not a hang), the server keeps answering probes and reads, nothing refused is stored, nothing
 * acknowledged is lost, and writes succeed again once space is freed.
 *
 * The server runs in its own user and mount namespaces (`unshare`, no privileges needed) on a 64 MB tmpfs;
 * the test fills and frees that disk through `/proc/<pid>/root`, which resolves paths in the server's mounts.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, spawnServer } from './support/process.ts';
import { call, opaque, randomId, twoMemberGroup } from './support/raw-client.ts';

const mountPoint = '/mnt';
const mountTmpfs = `mount -t tmpfs -o size=64m tmpfs ${mountPoint} && exec "$@"`;

/** Writes zeros to `path` until the file system refuses; returns how many bytes fitted. */
async function fill(path: string): Promise<number> {
  const file = await open(path, 'w');
  const chunk = Buffer.alloc(1 << 20);
  let written = 0;
  try {
    for (;;) written += (await file.write(chunk)).bytesWritten;
  } catch (error) {
    expect(error).toMatchObject({ code: 'ENOSPC' });
  } finally {
    await file.close();
  }
  return written;
}

describe('a full disk under the embedded database', () => {
  let server: ServerProcess;
  let ballast: string;
  beforeAll(async () => {
    server = await spawnServer(
      ['--data', join(mountPoint, 'data')],
      ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', mountTmpfs, 'sh'],
    );
    ballast = `/proc/${server.child.pid}/root${mountPoint}/ballast`;
  });
  afterAll(async () => {
    await server?.kill();
  });

  it('refuses writes with storage_full while full, keeps serving, and resumes when space is freed', async () => {
    const { first: sender, second: reader, groupId } = await twoMemberGroup(server.url, ['sender', 'reader']);
    const before = await sender.call('send', {
      params: { groupId },
      body: { id: randomId(), payload: opaque() },
    });
    expect(before.status).toBe(201);

    expect(await fill(ballast)).toBeGreaterThan(0);
    const refused = await Promise.all(
      Array.from({ length: 20 }, () =>
        sender.call('send', { params: { groupId }, body: { id: randomId(), payload: opaque() } }),
      ),
    );
    // Some sends may still fit in pages the database already holds; once one is refused, it says why.
    const failures = refused.filter((r) => r.status !== 201);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.status).toBe(503);
      expect(failure.body.error?.code).toBe('storage_full');
      expect(failure.headers.get('retry-after')).toBe('30');
    }
    const stored = refused.filter((r) => r.status === 201).map((r) => r.body.seq);

    // Still alive: probes answer at once, and reading what is stored works.
    expect((await call(server.url, 'health', {})).status).toBe(200);
    await reader.connect();
    const seen = reader.messages(groupId).filter((m) => m.kind === 'application');
    expect(seen.map((m) => m.seq)).toEqual([before.body.seq, ...stored]);
    await reader.disconnect();

    // Over the WebSocket too, a send is refused by name.
    await sender.connect();
    sender.send({ type: 'send', id: 'while-full', groupId, payload: opaque() });
    await expect(
      sender.waitFor((f) => f.type === 'error' || (f.type === 'sent' && f.id === 'while-full')),
    ).resolves.toMatchObject({ type: 'error', id: 'while-full', code: 'storage_full' });

    await rm(ballast);
    const after = await sender.call('send', {
      params: { groupId },
      body: { id: randomId(), payload: opaque() },
    });
    expect(after.status).toBe(201);
    const later = reader.at(server.url);
    await later.connect();
    const all = later.messages(groupId).filter((m) => m.kind === 'application');
    expect(all.map((m) => m.seq)).toEqual([before.body.seq, ...stored, after.body.seq]);

    const events = server.stdout();
    expect(events).toContain('"event":"db.storage_full"');
    expect(events).not.toContain('internal_error');
    await Promise.all([sender.disconnect(), later.disconnect()]);
  });
});
