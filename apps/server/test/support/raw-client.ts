import {
  adminsExtension,
  authChallengeMessage,
  generateSigningKeyPair,
  signWithLabel,
  unsignedPublicCommit,
} from '@parley/crypto';
import {
  type ClientFrame,
  encodeDeviceList,
  fromBase64url,
  type RouteInput,
  type RouteName,
  type RouteResponse,
  routes,
  type ServerFrame,
  signedDeviceList,
  toBase64url,
  wsPath,
} from '@parley/protocol';
import { WebSocket } from 'ws';

export type HttpResult<T> = { status: number; body: T; headers: Headers };

/** Calls a protocol route without any client logic, returning status and parsed body (errors included). */
export async function call<N extends RouteName>(
  baseUrl: string,
  name: N,
  input: Partial<RouteInput<N>>,
  token?: string,
): Promise<HttpResult<RouteResponse<N> & { error?: { code: string; message: string; details?: unknown } }>> {
  const route = routes[name];
  let path: string = route.path;
  for (const [key, value] of Object.entries((input.params as Record<string, string> | undefined) ?? {})) {
    path = path.replace(`:${key}`, encodeURIComponent(value));
  }
  const query = new URLSearchParams((input.query as Record<string, string> | undefined) ?? {}).toString();
  const response = await fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, {
    method: route.method,
    headers: {
      ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export const randomId = () => toBase64url(crypto.getRandomValues(new Uint8Array(16)));

/** A device that speaks the protocol directly: registered, logged in, no MLS (payloads are opaque bytes). */
export class RawDevice {
  readonly frames: ServerFrame[] = [];
  ws: WebSocket | undefined;
  #waiters: (() => void)[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly username: string,
    readonly deviceId: string,
    readonly token: string,
    readonly signatureKey: Uint8Array,
  ) {}

  /** How this device appears in a commit that adds it. */
  get leaf() {
    return { username: this.username, deviceId: this.deviceId, signatureKey: this.signatureKey };
  }

  static async register(baseUrl: string, username: string): Promise<RawDevice> {
    const account = generateSigningKeyPair();
    const device = generateSigningKeyPair();
    const deviceId = randomId();
    const list = encodeDeviceList({
      username,
      version: 1,
      devices: [{ deviceId, signatureKey: toBase64url(device.publicKey), addedAt: '2026-11-28' }],
    });
    const registered = await call(baseUrl, 'register', {
      body: {
        accountKey: toBase64url(account.publicKey),
        deviceList: signedDeviceList(list, signWithLabel('device-list', account.privateKey, list)),
      },
    });
    if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
    const token = await login(baseUrl, username, deviceId, device.privateKey);
    return new RawDevice(baseUrl, username, deviceId, token, device.publicKey);
  }

  /** The same device and session against another server address (a restarted or second process). */
  at(baseUrl: string): RawDevice {
    return new RawDevice(baseUrl, this.username, this.deviceId, this.token, this.signatureKey);
  }

  call<N extends RouteName>(name: N, input: Partial<RouteInput<N>>) {
    return call(this.baseUrl, name, input, this.token);
  }

  async connect(): Promise<void> {
    const ws = new WebSocket(`${this.baseUrl.replace('http', 'ws')}${wsPath}`);
    this.ws = ws;
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.send({ type: 'auth', token: this.token });
    await this.waitFor((f) => f.type === 'synced');
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.ws?.send(JSON.stringify(frame));
  }

  /** Waits until a frame matching `predicate` has arrived (searching those already received too). */
  async waitFor(predicate: (frame: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  messages(groupId: string) {
    return this.frames.flatMap((f) =>
      f.type === 'message' && f.message.groupId === groupId ? [f.message] : [],
    );
  }

  async disconnect(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }
}

export async function login(baseUrl: string, username: string, deviceId: string, privateKey: Uint8Array) {
  const challenge = await call(baseUrl, 'challenge', { body: { username, deviceId } });
  if (challenge.status !== 200) throw new Error(`challenge failed: ${JSON.stringify(challenge.body)}`);
  const bytes = Uint8Array.from(Buffer.from(challenge.body.challenge, 'base64url'));
  const signature = signWithLabel('auth', privateKey, authChallengeMessage(bytes, username, deviceId));
  const session = await call(baseUrl, 'session', {
    body: { username, deviceId, challenge: challenge.body.challenge, signature: toBase64url(signature) },
  });
  if (session.status !== 201) throw new Error(`session failed: ${JSON.stringify(session.body)}`);
  return session.body.token;
}

/** Random bytes standing in for an MLS ciphertext. */
export const opaque = (size = 332) => toBase64url(crypto.getRandomValues(new Uint8Array(size)));

const random = (size: number) => crypto.getRandomValues(new Uint8Array(size));

/** A Welcome as the delivery service sees one: the MLS header, then sealed bytes. */
export const framedWelcome = (size = 332) => toBase64url(Uint8Array.of(0, 1, 0, 3, ...random(size)));

/** A GroupInfo as the delivery service sees one: the MLS header, then bytes only members verify. */
export const framedGroupInfo = (size = 332) => toBase64url(Uint8Array.of(0, 1, 0, 4, ...random(size)));

/**
 * A commit request as a client sends one, without running MLS: a PublicMessage commit that states the
 * devices it adds (with a welcome for them) and the leaves it removes, signed by nobody.
 */
export function commitBody(
  groupId: string,
  epoch: number,
  change: Readonly<{
    committerLeaf?: number;
    adds?: readonly RawDevice[];
    removes?: readonly number[];
    admins?: readonly string[];
  }> = {},
) {
  const adds = change.adds ?? [];
  const commit = unsignedPublicCommit(
    { groupId: fromBase64url(groupId), epoch, committerLeaf: change.committerLeaf ?? 0 },
    {
      adds: adds.map((d) => d.leaf),
      removes: change.removes ?? [],
      ...(change.admins ? { extensions: [adminsExtension(change.admins)] } : {}),
    },
  );
  return {
    epoch,
    commit: toBase64url(commit),
    ...(adds.length > 0 ? { welcome: framedWelcome() } : {}),
    groupInfo: framedGroupInfo(),
  };
}

/** Two registered devices in a new group: the first created it and added the second (epoch 1). */
export async function twoMemberGroup(baseUrl: string, names: readonly [string, string]) {
  const first = await RawDevice.register(baseUrl, names[0]);
  const second = await RawDevice.register(baseUrl, names[1]);
  const groupId = randomId();
  await first.call('createGroup', { body: { groupId } });
  await first.call('commit', { params: { groupId }, body: commitBody(groupId, 0, { adds: [second] }) });
  return { first, second, groupId };
}
