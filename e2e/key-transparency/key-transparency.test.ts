/**
 * Key transparency played by a hostile operator: the server shows one member keys its own directory does
 * not hold, rewrites its epoch log, and slips a device into an account's directory entry. Each test asserts
 * what a member would notice: a refusal with an alert, on the contact's device or on the owner's.
 */
import { encodeDeviceList, encodeDirectoryDeviceList, fromBase64url, toBase64url } from '@parley/protocol';
import { DeviceListRefusedError, type ParleyClient } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedAccountFetch } from '../roster/roster-support.ts';
import { type Operator, operator } from './operator.ts';

describe('key transparency under a hostile operator', () => {
  let net: TestNetwork;
  let db: Operator;

  beforeAll(async () => {
    net = await startNetwork();
    db = operator(net);
  });
  afterAll(async () => {
    await net?.close();
  });

  it('a normal conversation still works, and each side shows the other as verified by key transparency', async () => {
    const alerts: string[] = [];
    const alice = await net.addClient('alice');
    const bob = await net.addClient('bob');
    for (const client of [alice, bob]) client.on('security-alert', (e) => alerts.push(e.problem));
    const conversation = await alice.createConversation('plans', ['bob']);
    const joined = nextEvent(bob, 'conversation-joined');
    await joined;
    const received = nextEvent(bob, 'message');
    await alice.send(conversation.id, 'hello bob');
    expect((await received).message.text).toBe('hello bob');
    expect(await alice.keyTransparency('bob')).toBe('verified');
    expect(await bob.keyTransparency('alice')).toBe('verified');
    await bob.checkOwnAccount();
    expect(alerts).toEqual([]);
  });

  it('refuses, with an alert, an account key for a contact that the directory does not hold', async () => {
    await net.addClient('dave');
    const carol = await net.addClient('carol', { fetch: forgedAccountFetch('dave', { on: true }) });
    const alert = nextEvent(carol, 'security-alert', (e) => e.username === 'dave');
    await expect(carol.devices('dave')).rejects.toThrow(DeviceListRefusedError);
    expect((await alert).problem).toBe('kt-mismatch');
    expect(await carol.keyTransparency('dave')).toBeUndefined();
    await expect(carol.createConversation('lies', ['dave'])).rejects.toThrow();
  });

  it('refuses every lookup once the operator rewrites the epoch log it already showed', async () => {
    const erin = await net.addClient('erin');
    await erin.devices('alice');
    const seen = net.server.context.keyDirectory.epochCount;
    // The operator drops its published epochs and publishes a new history, one longer than the old.
    await db.rewriteEpochs(seen + 1);
    await net.addClient('frank');
    const alert = nextEvent(erin, 'security-alert', (e) => e.problem === 'kt-fork');
    await expect(erin.devices('frank')).rejects.toThrow(DeviceListRefusedError);
    expect((await alert).username).toBe('frank');
  });

  it('alerts the owner when the directory shows a device the account did not sign', async () => {
    const grace: ParleyClient = await net.addClient('grace');
    const alerts: string[] = [];
    grace.on('security-alert', (e) => alerts.push(e.problem));
    await grace.checkOwnAccount();
    expect(alerts).toEqual([]);

    // The operator publishes grace's list with a device of its own, under her real account key.
    const account = await db.account('grace');
    const list = await grace.devices();
    const payload = encodeDeviceList({
      username: 'grace',
      version: list.length + 1,
      devices: [
        ...list,
        {
          deviceId: toBase64url(new Uint8Array(16).fill(7)),
          signatureKey: toBase64url(new Uint8Array(32).fill(9)),
          addedAt: '2026-12-07',
        },
      ],
    });
    const oldSignature = fromBase64url(account.deviceList.signature);
    await db.publishEntry(
      'grace',
      fromBase64url(account.accountKey),
      encodeDirectoryDeviceList(payload, oldSignature),
    );

    // On its next start, grace's device looks itself up.
    await grace.close();
    const alert = nextEvent(grace, 'security-alert', (e) => e.problem === 'kt-own-device-list');
    await grace.connect();
    expect((await alert).username).toBe('grace');
    expect(alerts).toContain('kt-own-device-list');
  });
});
