/**
 * What `parley serve` writes to its log, as an operator's log shipper reads it: one JSON object per line
 * with a level, a time and an event; with the access log on, one line per request naming the route template
 * and status, and never the client's address, the query string or a session token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { spawnServer } from './support/process.ts';

it('logs JSON lines with levels, and an access log without addresses, queries or tokens', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parley-log-'));
  const server = await spawnServer(['--data', dir], ['env', 'PARLEY_ACCESS_LOG=on']);
  const secretToken = 'A'.repeat(43);
  try {
    await (await fetch(`${server.url}/v1/catalogue?who=someone-secret`)).arrayBuffer();
    await (
      await fetch(`${server.url}/v1/groups`, { headers: { authorization: `Bearer ${secretToken}` } })
    ).arrayBuffer();
    await expect
      .poll(
        () =>
          server
            .stdout()
            .split('\n')
            .filter((l) => l.includes('http.access')).length,
      )
      .toBe(2);
  } finally {
    await server.kill();
    await rm(dir, { recursive: true, force: true });
  }
  const lines = server
    .stdout()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const line of lines) {
    expect(line).toMatchObject({
      level: expect.any(String),
      time: expect.any(String),
      event: expect.any(String),
    });
  }
  const access = lines.filter((l) => l.event === 'http.access');
  expect(access).toEqual([
    expect.objectContaining({ level: 'info', method: 'GET', route: '/v1/catalogue', status: 200 }),
    expect.objectContaining({ method: 'GET', route: '/v1/groups', status: 401 }),
  ]);
  expect(lines.find((l) => l.event === 'server.stopping')).toMatchObject({ level: 'warn' });
  const text = server.stdout();
  for (const secret of ['127.0.0.1', 'someone-secret', 'who=', secretToken])
    expect(text).not.toContain(secret);
});
