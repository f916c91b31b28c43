/**
 * A server that batches key-directory epochs (publishing on a timer rather than after each change): a new
 * member can register and use their own account before its first epoch (the device created that account;
 * watching what the directory shows others is the owner's monitoring), while contacts refuse the newcomer
 * until the directory holds them, then verify them at the next epoch.
 */
import type { ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';

let net: TestNetwork;
let alice: ParleyClient;
beforeAll(async () => {
  net = await startNetwork({ server: { ktPublishOnChange: false, ktEpochIntervalMs: 0 } });
  alice = await net.addClient('alice');
  await net.server.context.keyDirectory.publish();
});
afterAll(async () => {
  await net?.close();
});

it('registers a member before the directory holds them, and contacts verify them after the next epoch', async () => {
  const alerts: string[] = [];
  const dana = await net.addClient('dana');
  dana.on('security-alert', (e) => alerts.push(e.problem));
  expect(await dana.devices('dana')).toHaveLength(1);

  // Until the epoch, a contact has nothing to check dana against, and refuses rather than trust blindly.
  await expect(alice.devices('dana')).rejects.toThrow(/kt-proof-missing/);
  await net.server.context.keyDirectory.publish();
  expect(await alice.checkKeyTransparency('dana')).toMatchObject({ status: 'verified' });
  expect(alerts).toEqual([]);
});
