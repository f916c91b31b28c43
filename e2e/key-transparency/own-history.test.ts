/**
 * An owner's device checks its account's whole history in the directory, not just the newest entry: an
 * operator who publishes a device the owner never added and then the real list again, between two of the
 * owner's checks, is caught at the next one, because the history must contain every version ever published.
 * And a key published for bob so that alice would accept it is caught by both of them.
 */
import type { ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operator } from './operator.ts';

let net: TestNetwork;
let alice: ParleyClient;
let bob: ParleyClient;
beforeAll(async () => {
  net = await startNetwork({ server: { ktEpochIntervalMs: 0 } });
  alice = await net.addClient('alice');
  bob = await net.addClient('bob');
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

it('catches a key the operator publishes for bob to show alice, on both sides, at the next epoch they see', async () => {
  await net.addClient('mallory');
  const db = operator(net);
  const bobAlert = nextEvent(bob, 'security-alert', (e) => e.username === 'bob');
  const aliceAlert = nextEvent(alice, 'security-alert', (e) => e.username === 'bob');
  // To show alice another key for bob and pass her checks, the operator must publish it in the directory.
  await db.publishAccount('bob', (await db.account('mallory')).accountKey);
  expect(await alice.checkKeyTransparency('bob')).toEqual({ status: 'refused', problem: 'kt-mismatch' });
  expect((await aliceAlert).problem).toBe('kt-mismatch');
  // Bob's device sees the new epoch at its next lookup and finds a key it never made in its own history.
  await bob.devices('alice');
  expect((await bobAlert).problem).toBe('kt-own-account-key');
});
