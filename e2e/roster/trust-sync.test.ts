/**
 * An account's devices share the contact keys they pinned and the marks their user left, end to end, so a
 * hostile server cannot show a newly linked device a key the account's other devices never saw.
 */
import { DeviceListRefusedError } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually, nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedAccountFetch, linkDevice } from './roster-support.ts';

describe('trust shared between an account’s devices', () => {
  let net: TestNetwork;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('gives a linked device the pins and marks of the others; it refuses a key they never saw', async () => {
    const phone = await net.addClient('uma');
    await net.addClient('vic');
    await net.addClient('wes');
    const { id } = await phone.createConversation('us', ['vic']);
    await phone.markVerified('vic');
    const verifiedOn = await phone.verifiedOn('vic');
    expect(verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // wes is only looked up (a safety number read), never in a conversation with uma.
    await phone.safetyNumber('wes');

    const forge = { on: false };
    const laptop = await linkDevice(net, phone, { fetch: forgedAccountFetch('wes', forge) });
    await eventually(
      async () => (await laptop.verifiedOn('vic')) === verifiedOn,
      'the mark reaches the laptop',
    );
    // The account's own conversation, where this travels, is listed on neither device.
    await eventually(
      async () => (await laptop.conversations()).map((c) => c.id).join() === id,
      'the laptop lists exactly the conversation with vic',
    );
    expect((await phone.conversations()).map((c) => c.id)).toEqual([id]);

    // The server shows the laptop its own key for wes, whom the laptop itself never looked up.
    forge.on = true;
    const alert = nextEvent(laptop, 'security-alert', (e) => e.problem === 'account-key-changed');
    await expect(laptop.safetyNumber('wes')).rejects.toThrow(DeviceListRefusedError);
    expect((await alert).username).toBe('wes');
    forge.on = false;
    expect(await laptop.safetyNumber('wes')).toBe(await phone.safetyNumber('wes'));
  });
});
