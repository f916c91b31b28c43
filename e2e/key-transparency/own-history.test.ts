/**
 * An owner's device checks its account's whole history in the directory, not just the newest entry: an
 * operator who publishes a device the owner never added and then the real list again, between two of the
 * owner's checks, is caught at the next one, because the history must contain every version ever published.
 */
import type { ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operator } from './operator.ts';

let net: TestNetwork;
let alice: ParleyClient;
beforeAll(async () => {
  net = await startNetwork({ server: { ktEpochIntervalMs: 0 } });
  alice = await net.addClient('alice');
  await net.addClient('bob');
});
afterAll(async () => {
  await net?.close();
});

it('alerts the owner to a device slipped into the directory and taken out again before it looked', async () => {
  const alerts: string[] = [];
  alice.on('security-alert', (e) => alerts.push(`${e.problem} ${e.username ?? ''}`));
  await alice.devices('bob');
  expect(alerts).toEqual([]);

  const db = operator(net);
  await db.publishForeignDevice('alice');
  await db.publishAccount('alice');

  // The newest entry is alice's own list again; only the history shows what was published in between.
  const alert = nextEvent(alice, 'security-alert', (e) => e.username === 'alice');
  await alice.checkKeyTransparency('bob');
  expect((await alert).problem).toBe('kt-own-device-list');
});
