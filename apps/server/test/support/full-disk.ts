import { open, rm } from 'node:fs/promises';
import { expect } from 'vitest';
import { call, opaque, randomId, twoMemberGroup } from './raw-client.ts';

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

/**
 * The full-disk scenario, the same for every database: a member sends, the disk under the database is filled
 * through `ballast`, writes are refused `storage_full` with a time to retry (HTTP and WebSocket), probes and
 * reads go on, nothing refused is stored, nothing acknowledged is lost, and writes resume once the ballast is
 * removed. `events` is what the server has logged so far.
 */
export async function fullDiskScenario(url: string, ballast: string, events: () => string): Promise<void> {
  const { first: sender, second: reader, groupId } = await twoMemberGroup(url, ['sender', 'reader']);
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
  const stored = refused
    .filter((r) => r.status === 201)
    .map((r) => r.body.seq)
    .sort((a, b) => a - b);

  // Still alive: probes answer at once, and reading what is stored works.
  expect((await call(url, 'health', {})).status).toBe(200);
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
  const later = reader.at(url);
  await later.connect();
  const all = later.messages(groupId).filter((m) => m.kind === 'application');
  expect(all.map((m) => m.seq)).toEqual([before.body.seq, ...stored, after.body.seq]);

  expect(events()).toContain('db.storage_full');
  expect(events()).not.toContain('internal_error');
  await Promise.all([sender.disconnect(), later.disconnect()]);
}
