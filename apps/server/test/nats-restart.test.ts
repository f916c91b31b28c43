/**
 * NATS is killed and restarted under a running server while a member keeps sending: nothing hangs, the
 * outage and the recovery are logged, `/ready` names the fan-out while it is down, and afterwards every
 * connected device is asked to reconnect and receives every acknowledged message exactly once, in order.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { closeCodes } from '@parley/protocol';
import { expect, it } from 'vitest';
import { NatsProcess } from './support/nats-process.ts';
import { call, opaque, RawDevice, randomId, twoMemberGroup } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

/** Resolves within `ms` or fails naming what hung. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  const timeout = sleep(ms).then(() => {
    throw new Error(`${what} took longer than ${ms} ms`);
  });
  return Promise.race([work, timeout]);
}

it('rides out a NATS restart under load, losing nothing it acknowledged', async () => {
  await using nats = await NatsProcess.start();
  const logged: string[] = [];
  await using server = await startServer({ natsUrl: nats.url, log: (event) => logged.push(event) });
  const { first: sender, second: reader, groupId } = await twoMemberGroup(server.url, ['sender', 'reader']);
  await reader.connect();
  const closed = new Promise<number>((resolve) => reader.ws?.once('close', (code) => resolve(code)));

  // A member sends about 20 messages a second through the whole outage.
  const acknowledged: number[] = [];
  let sending = true;
  const load = (async () => {
    while (sending) {
      const sent = await within(
        2_000,
        'a send',
        sender.call('send', { params: { groupId }, body: { id: randomId(), payload: opaque() } }),
      );
      expect(sent.status).toBe(201);
      acknowledged.push(sent.body.seq);
      await sleep(50);
    }
  })();

  await sleep(300);
  await nats.kill();
  await expect.poll(() => logged.includes('fanout.disconnected')).toBe(true);
  const ready = await call(server.url, 'ready', {});
  expect(ready.status).toBe(503);
  expect(ready.body.error).toMatchObject({ code: 'not_ready', details: { failed: ['fanout'] } });
  // Signing in does not wait for NATS.
  const newcomer = await RawDevice.register(server.url, 'newcomer');
  await within(2_000, 'signing in while NATS is down', newcomer.connect());
  await sleep(2_000);

  await nats.restart();
  await expect.poll(async () => (await call(server.url, 'ready', {})).status, { timeout: 10_000 }).toBe(200);
  expect(logged).toContain('fanout.resumed');
  expect(await within(5_000, 'the reader to be asked to reconnect', closed)).toBe(closeCodes.tryAgainLater);
  await sleep(300);
  sending = false;
  await load;

  const back = reader.at(server.url);
  await back.connect();
  const received = back.messages(groupId).flatMap((m) => (m.kind === 'application' ? [m.seq] : []));
  expect(acknowledged.length).toBeGreaterThan(30);
  expect(received).toEqual(acknowledged);
  // Live delivery works again: a message sent now arrives without another reconnect.
  const after = await sender.call('send', {
    params: { groupId },
    body: { id: randomId(), payload: opaque() },
  });
  await back.waitFor((f) => f.type === 'message' && f.message.seq === after.body.seq);
  await Promise.all([back.disconnect(), newcomer.disconnect()]);
});
