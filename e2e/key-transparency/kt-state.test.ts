/**
 * What a member is told about a contact's standing against the key directory: verified at the epoch the
 * check used, refused (with the reason, and an alert) once the operator changes the directory's entry
 * behind an account this device already pinned, and pending while the directory lags behind a new device.
 */
import { describeKtState, type ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkDevice } from '../roster/roster-support.ts';
import { type Operator, operator } from './operator.ts';

describe("a contact's key-transparency state", () => {
  let net: TestNetwork;
  let db: Operator;
  let alice: ParleyClient;

  beforeAll(async () => {
    net = await startNetwork();
    db = operator(net);
    alice = await net.addClient('alice');
    await net.addClient('bob');
  });
  afterAll(async () => {
    await net?.close();
  });

  it('is verified at the newest epoch the check saw, and says so', async () => {
    const event = nextEvent(alice, 'key-transparency', (e) => e.username === 'bob');
    await alice.devices('bob');
    const newest = net.server.context.keyDirectory.epochCount - 1;
    expect((await event).state).toEqual({ status: 'verified', epoch: newest });
    expect(await alice.keyTransparencyState('bob')).toEqual({ status: 'verified', epoch: newest });
    expect(describeKtState('bob', await alice.keyTransparencyState('bob'))).toBe(
      `Verified by key transparency at epoch ${newest}: the keys of bob are the ones the public key directory holds.`,
    );
  });

  it('turns refused, with an alert, when the directory holds another key for a pinned contact', async () => {
    await net.addClient('mallory');
    await db.publishAccount('bob', (await db.account('mallory')).accountKey);
    const alert = nextEvent(alice, 'security-alert', (e) => e.username === 'bob');
    const state = await alice.checkKeyTransparency('bob');
    expect(state).toEqual({ status: 'refused', problem: 'kt-mismatch' });
    expect((await alert).problem).toBe('kt-mismatch');
    expect(await alice.keyTransparency('bob')).toBeUndefined();
    expect(describeKtState('bob', state)).toBe(
      'Refused (kt-mismatch): The server showed keys for bob that its public key directory does not hold. Parley refused them.',
    );
  });

  it('is verified again, at the later epoch, once the directory holds the real keys again', async () => {
    await db.publishAccount('bob');
    const newest = net.server.context.keyDirectory.epochCount - 1;
    expect(await alice.checkKeyTransparency('bob')).toEqual({ status: 'verified', epoch: newest });
  });

  it('is pending while the directory lags behind a new device, then verified at the next epoch unasked', async () => {
    const carol = await net.addClient('carol');
    const before = await db.account('carol');
    await linkDevice(net, carol);
    // The directory falls behind the server: its next epoch holds carol's list from before the new device.
    await db.publishAccount('carol', undefined, before);
    const lagging = net.server.context.keyDirectory.epochCount - 1;
    const pending = await alice.checkKeyTransparency('carol');
    expect(pending).toEqual({ status: 'pending', epoch: lagging });
    expect(describeKtState('carol', pending)).toBe(
      `Pending: carol has a device list newer than the key directory's epoch ${lagging}; it is checked again when the next epoch is published.`,
    );

    await db.publishAccount('carol');
    const verified = nextEvent(alice, 'key-transparency', (e) => e.username === 'carol');
    // Any lookup that sees the new epoch (here the device's own periodic self-check) re-checks pending contacts.
    await alice.checkOwnAccount();
    expect((await verified).state).toEqual({ status: 'verified', epoch: lagging + 1 });
    expect(await alice.keyTransparency('carol')).toBe('verified');
  });
});
