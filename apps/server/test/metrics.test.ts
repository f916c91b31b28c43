/**
 * Prometheus metrics on a listener of their own: what an operator needs to see (connections, messages,
 * refusals by code, the log's size and age), and nothing that names a member, a device, a conversation or
 * an address.
 */
import { expect, it } from 'vitest';
import { call, opaque, RawDevice, randomId, twoMemberGroup } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

/** The value of one sample line, such as `parley_ws_connections` or `parley_refusals_total{code="x"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

it('counts what happened, on its own loopback port, without identifiers', async () => {
  await using server = await startServer({ metricsPort: 0 });
  const metricsUrl = `http://127.0.0.1:${server.metricsPort}/metrics`;
  const {
    first: alice,
    second: bob,
    groupId,
  } = await twoMemberGroup(server.url, ['alice-metrics', 'bob-metrics']);
  await bob.connect();
  for (let i = 0; i < 3; i++)
    await alice.call('send', { params: { groupId }, body: { id: randomId(), payload: opaque() } });
  await bob.waitFor((f) => f.type === 'message' && f.message.kind === 'application' && f.message.seq === 4);
  const notMember = await RawDevice.register(server.url, 'carol-metrics');
  const refused = await notMember.call('send', {
    params: { groupId },
    body: { id: randomId(), payload: opaque() },
  });
  expect(refused.body.error?.code).toBe('not_a_member');
  await server.context.transparencyLog.sequence();

  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  expect(sample(text, 'parley_messages_stored_total')).toBe(3);
  expect(sample(text, 'parley_ws_connections')).toBe(1);
  expect(sample(text, 'parley_fanout_up')).toBe(1);
  expect(sample(text, 'parley_refusals_total{code="not_a_member"}')).toBe(1);
  expect(sample(text, 'parley_send_duration_seconds_count')).toBe(3);
  expect(sample(text, 'parley_send_batch_size_sum')).toBe(3);
  expect(sample(text, 'parley_ws_frames_sent_total')).toBeGreaterThanOrEqual(4);
  expect(sample(text, 'parley_events_total{event="server.listening"}')).toBe(1);
  expect(sample(text, 'parley_log_size')).toBeGreaterThanOrEqual(0);
  expect(sample(text, 'parley_process_resident_memory_bytes')).toBeGreaterThan(0);
  // No names, ids or addresses anywhere in what a scraper reads.
  for (const secret of [
    'alice-metrics',
    'bob-metrics',
    'carol-metrics',
    groupId,
    alice.deviceId,
    '127.0.0.1',
  ])
    expect(text).not.toContain(secret);

  // Only /metrics is served there, and the public port does not serve it.
  expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
  const onPublicPort = await call(server.url, 'health', {});
  expect(onPublicPort.status).toBe(200);
  await bob.disconnect();
});
