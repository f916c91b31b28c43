import { authChallengeMessage, generateSigningKeyPair, signWithLabel } from '@parley/crypto';
import { encodeDeviceList, signedDeviceList, toBase64url } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { call, RawDevice, randomId } from './support/raw-client.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

const newAccount = (username: string, version = 1) => {
  const account = generateSigningKeyPair();
  const device = generateSigningKeyPair();
  const deviceId = randomId();
  const entry = { deviceId, signatureKey: toBase64url(device.publicKey), addedAt: '2026-11-28' };
  const list = encodeDeviceList({ username, version, devices: [entry] });
  return {
    account,
    device,
    deviceId,
    entry,
    body: {
      accountKey: toBase64url(account.publicKey),
      deviceList: signedDeviceList(list, signWithLabel('device-list', account.privateKey, list)),
    },
  };
};

describe('registration', () => {
  it('refuses a taken username, a bad username, a list not signed by the account key', async () => {
    const dora = newAccount('dora');
    expect((await call(server.url, 'register', { body: dora.body })).status).toBe(201);
    const again = await call(server.url, 'register', { body: newAccount('dora').body });
    expect(again.body.error?.code).toBe('username_taken');

    const shouty = newAccount('Dora');
    expect((await call(server.url, 'register', { body: shouty.body })).body.error?.code).toBe(
      'invalid_username',
    );

    const forged = newAccount('erin');
    const other = generateSigningKeyPair();
    const forgedBody = { ...forged.body, accountKey: toBase64url(other.publicKey) };
    const refused = await call(server.url, 'register', { body: forgedBody });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('device_list_invalid');
  });
});

describe('device login', () => {
  it('refuses a forged signature, a reused challenge and an unknown device', async () => {
    const fay = newAccount('fay');
    await call(server.url, 'register', { body: fay.body });
    const challenge = await call(server.url, 'challenge', {
      body: { username: 'fay', deviceId: fay.deviceId },
    });
    const bytes = Uint8Array.from(Buffer.from(challenge.body.challenge, 'base64url'));
    const wrongKey = generateSigningKeyPair().privateKey;
    const forged = signWithLabel('auth', wrongKey, authChallengeMessage(bytes, 'fay', fay.deviceId));
    const refused = await call(server.url, 'session', {
      body: {
        username: 'fay',
        deviceId: fay.deviceId,
        challenge: challenge.body.challenge,
        signature: toBase64url(forged),
      },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('invalid_signature');
    // A challenge is single-use even when the attempt failed: the right signature now comes too late.
    const good = signWithLabel(
      'auth',
      fay.device.privateKey,
      authChallengeMessage(bytes, 'fay', fay.deviceId),
    );
    const replay = await call(server.url, 'session', {
      body: {
        username: 'fay',
        deviceId: fay.deviceId,
        challenge: challenge.body.challenge,
        signature: toBase64url(good),
      },
    });
    expect(replay.body.error?.code).toBe('challenge_expired');

    const unknown = await call(server.url, 'challenge', { body: { username: 'fay', deviceId: randomId() } });
    expect(unknown.body.error?.code).toBe('unknown_device');
  });

  it('refuses another account’s name, a device-list signature, a short signature and a swapped device', async () => {
    const ivy = newAccount('ivy');
    const jon = newAccount('jon');
    await call(server.url, 'register', { body: ivy.body });
    await call(server.url, 'register', { body: jon.body });
    const wrongName = await call(server.url, 'challenge', {
      body: { username: 'jon', deviceId: ivy.deviceId },
    });
    expect(wrongName.body.error?.code).toBe('unknown_device');

    const attempt = async (
      sign: (bytes: Uint8Array) => Uint8Array,
      claim: { username: string; deviceId: string } = { username: 'ivy', deviceId: ivy.deviceId },
    ) => {
      const challenge = await call(server.url, 'challenge', {
        body: { username: 'ivy', deviceId: ivy.deviceId },
      });
      const bytes = Uint8Array.from(Buffer.from(challenge.body.challenge, 'base64url'));
      const signature = toBase64url(sign(bytes));
      return call(server.url, 'session', {
        body: { ...claim, challenge: challenge.body.challenge, signature },
      });
    };
    const message = (bytes: Uint8Array) => authChallengeMessage(bytes, 'ivy', ivy.deviceId);
    const otherLabel = await attempt((b) => signWithLabel('device-list', ivy.device.privateKey, message(b)));
    expect(otherLabel.body.error?.code).toBe('invalid_signature');
    const short = await attempt((b) =>
      signWithLabel('auth', ivy.device.privateKey, message(b)).subarray(0, 63),
    );
    expect(short.body.error?.code).toBe('validation_failed');
    const renamed = await attempt((b) => signWithLabel('auth', ivy.device.privateKey, message(b)), {
      username: 'jon',
      deviceId: ivy.deviceId,
    });
    expect(renamed.body.error?.code).toBe('unknown_device');
    const swapped = await attempt((b) => signWithLabel('auth', jon.device.privateKey, message(b)), {
      username: 'jon',
      deviceId: jon.deviceId,
    });
    expect(swapped.body.error?.code).toBe('challenge_expired');
    const good = await attempt((b) => signWithLabel('auth', ivy.device.privateKey, message(b)));
    expect(good.status).toBe(201);
    expect(good.body.deviceId).toBe(ivy.deviceId);
  });

  it('accepts the device key signature and the token then authenticates, and logout ends it', async () => {
    const gus = await RawDevice.register(server.url, 'gus');
    expect((await gus.call('listGroups', {})).status).toBe(200);
    expect((await gus.call('logout', {})).status).toBe(200);
    expect((await gus.call('listGroups', {})).body.error?.code).toBe('unauthenticated');
    expect((await call(server.url, 'listGroups', {}, 'A'.repeat(43))).status).toBe(401);
  });
});

describe('device lists', () => {
  it('accepts only the next version signed by the account key, and never one that drops the uploader', async () => {
    const hal = newAccount('hal');
    await call(server.url, 'register', { body: hal.body });
    const session = await loginAs('hal', hal.deviceId, hal.device.privateKey);
    const second = {
      deviceId: randomId(),
      signatureKey: toBase64url(generateSigningKeyPair().publicKey),
      addedAt: '2026-11-28',
    };
    const sign = (version: number, devices: (typeof second)[], key = hal.account.privateKey) => {
      const list = encodeDeviceList({ username: 'hal', version, devices });
      return { deviceList: signedDeviceList(list, signWithLabel('device-list', key, list)) };
    };
    const skip = await call(server.url, 'updateDeviceList', { body: sign(3, [hal.entry, second]) }, session);
    expect(skip.body.error).toMatchObject({ code: 'device_list_stale', details: { currentVersion: 1 } });
    const forged = await call(
      server.url,
      'updateDeviceList',
      { body: sign(2, [hal.entry, second], generateSigningKeyPair().privateKey) },
      session,
    );
    expect(forged.body.error?.code).toBe('device_list_invalid');
    const dropSelf = await call(server.url, 'updateDeviceList', { body: sign(2, [second]) }, session);
    expect(dropSelf.body.error?.code).toBe('device_removed_self');
    const ok = await call(server.url, 'updateDeviceList', { body: sign(2, [hal.entry, second]) }, session);
    expect(ok.status).toBe(200);
    const fetched = await call(server.url, 'getAccount', { params: { username: 'hal' } }, session);
    expect(fetched.body.deviceList).toEqual(sign(2, [hal.entry, second]).deviceList);
  });
});

async function loginAs(username: string, deviceId: string, key: Uint8Array): Promise<string> {
  const challenge = await call(server.url, 'challenge', { body: { username, deviceId } });
  const bytes = Uint8Array.from(Buffer.from(challenge.body.challenge, 'base64url'));
  const signature = toBase64url(signWithLabel('auth', key, authChallengeMessage(bytes, username, deviceId)));
  const session = await call(server.url, 'session', {
    body: { username, deviceId, challenge: challenge.body.challenge, signature },
  });
  return session.body.token;
}
