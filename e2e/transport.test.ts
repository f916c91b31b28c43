import { authChallengeMessage, generateSigningKeyPair, signWithLabel } from '@parley/crypto';
import {
  encodeDeviceList,
  fromBase64url,
  type ServerFrame,
  signedDeviceList,
  toBase64url,
} from '@parley/protocol';
import { HttpClient, ParleyApiError, SessionSocket, type SocketConnection } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('sdk transport against a real server', () => {
  let net: TestNetwork;
  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('turns error answers into ParleyApiError with code, status and details', async () => {
    const http = new HttpClient({ baseUrl: net.url });
    await expect(http.call('getAccount', { params: { username: 'nobody' } })).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });
    http.token = 'x'.repeat(43);
    const error = await http
      .call('register', { body: { accountKey: 'short', deviceList: { payload: '', signature: '' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyApiError);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(Array.isArray(Reflect.get(Object(error), 'details'))).toBe(true);
    await expect(
      new HttpClient({ baseUrl: 'http://127.0.0.1:1', retries: 1 }).call('health'),
    ).rejects.toMatchObject({
      code: 'network',
    });
  });

  it('reconnects after a drop, logs in again when the session is gone, and stays closed once closed', async () => {
    const login = await registerRaw(net.url, 'sockuser');
    const frames: ServerFrame['type'][] = [];
    const logins: boolean[] = [];
    const states: string[] = [];
    let current: SocketConnection | undefined;
    let token: string | undefined;
    const socket = new SessionSocket({
      baseUrl: net.url,
      factory: (url, handlers) => {
        current = nodeSocketFactory(url, handlers);
        return current;
      },
      token: async (fresh) => {
        logins.push(fresh);
        if (token === undefined || fresh) token = await login();
        return token;
      },
      onFrame: (frame) => frames.push(frame.type),
      onStateChange: (state) => states.push(state),
      backoff: { baseMs: 20, capMs: 200 },
    });
    const readies = () => frames.filter((t) => t === 'ready').length;
    await socket.open();
    expect(socket.state).toBe('open');

    current?.close(4000, 'simulated drop');
    await eventually(async () => readies() === 2, 'a second ready');
    // A drop after being open is told apart from the first connection.
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);

    // The device says it lost its network: no dialing until it says the network is back.
    socket.setOnline(false);
    expect(socket.state).toBe('offline');
    socket.setOnline(true);
    await eventually(async () => readies() === 3, 'ready once back online');
    expect(states.slice(4)).toEqual(['offline', 'reconnecting', 'open']);

    const http = new HttpClient({ baseUrl: net.url });
    http.token = token;
    await http.call('logout');
    current?.close(4000, 'simulated drop');
    await eventually(async () => readies() === 4, 'ready after logging in again');
    expect(logins.filter((fresh) => fresh)).toHaveLength(1);

    socket.close();
    expect(socket.state).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readies()).toBe(4);
  });
});

/** Registers an account with one device over plain HTTP; returns a function that logs that device in. */
async function registerRaw(baseUrl: string, username: string): Promise<() => Promise<string>> {
  const http = new HttpClient({ baseUrl });
  const account = generateSigningKeyPair();
  const device = generateSigningKeyPair();
  const deviceId = toBase64url(crypto.getRandomValues(new Uint8Array(16)));
  const payload = encodeDeviceList({
    username,
    version: 1,
    devices: [{ deviceId, signatureKey: toBase64url(device.publicKey), addedAt: '2026-11-28' }],
  });
  const deviceList = signedDeviceList(payload, signWithLabel('device-list', account.privateKey, payload));
  await http.call('register', { body: { accountKey: toBase64url(account.publicKey), deviceList } });
  return async () => {
    const { challenge } = await http.call('challenge', { body: { username, deviceId } });
    const message = authChallengeMessage(fromBase64url(challenge), username, deviceId);
    const signature = toBase64url(signWithLabel('auth', device.privateKey, message));
    return (await http.call('session', { body: { username, deviceId, challenge, signature } })).token;
  };
}
