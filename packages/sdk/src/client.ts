import {
  safetyNumber as computeSafetyNumber,
  generateSigningKeyPair,
  members as groupMembers,
  safetyNumberQrPayload,
} from '@parley/crypto';
import { type DeviceEntry, type MemberNotice, type ServerFrame, toBase64url } from '@parley/protocol';
import { EventHub, type EventOf, type ParleyEvent, type ParleyEventType } from './events.ts';
import { AccountDirectory } from './identity/account-directory.ts';
import {
  approveLink,
  decodeLinkCode,
  encodeLinkCode,
  login,
  registerAccount,
} from './identity/account-flows.ts';
import {
  type LocalIdentity,
  loadIdentity,
  mlsIdentity,
  newDevice,
  saveIdentity,
} from './identity/device-identity.ts';
import {
  type ChatMessage,
  type Conversation,
  ConversationRecords,
  type DeviceRef,
} from './messaging/conversation-records.ts';
import { GroupEngine } from './messaging/group-engine.ts';
import { KeyPackagePool } from './messaging/key-package-pool.ts';
import { Membership } from './messaging/membership.ts';
import { fetchNotices } from './notices/member-notices.ts';
import type { ClientStore } from './store/client-store.ts';
import type { BackoffPolicy } from './transport/backoff.ts';
import { type FetchLike, HttpClient } from './transport/http-client.ts';
import { SessionSocket } from './transport/session-socket.ts';
import { globalSocketFactory, type SocketFactory } from './transport/socket-port.ts';

export type ParleyClientOptions = Readonly<{
  serverUrl: string;
  /** Where keys, group states and history live (MemoryStore, FileStore, or your own). */
  store: ClientStore;
  fetch?: FetchLike;
  /** Defaults to the runtime's global WebSocket; in Node 20 pass `nodeSocketFactory` from `@parley/sdk/node`. */
  socketFactory?: SocketFactory;
  reconnectBackoff?: BackoffPolicy;
  /** The device's clock (tests move it to check KeyPackage refresh); the system clock by default. */
  now?: () => Date;
}>;

type Session = Readonly<{
  identity: LocalIdentity;
  directory: AccountDirectory;
  records: ConversationRecords;
  keyPackages: KeyPackagePool;
  engine: GroupEngine;
  membership: Membership;
}>;

/**
 * One device of one Parley account: keys, conversations, and the connection to the server. Start it with
 * `register`, `open` (an existing profile) or `createLinkRequest` (a new device of an existing account).
 */
export class ParleyClient implements AsyncDisposable {
  readonly #options: ParleyClientOptions;
  readonly #http: HttpClient;
  readonly #events = new EventHub();
  #session: Session | undefined;
  #socket: SessionSocket | undefined;

  constructor(options: ParleyClientOptions) {
    this.#options = options;
    this.#http = new HttpClient({
      baseUrl: options.serverUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Whether the store already holds a device profile (then call `open`, not `register`). */
  static async hasProfile(store: ClientStore): Promise<boolean> {
    return (await loadIdentity(store)) !== undefined;
  }

  get username(): string {
    return this.#ready().identity.username;
  }

  get deviceId(): string {
    return this.#ready().identity.deviceId;
  }

  /** Creates the account key and this first device, registers them, logs in and publishes KeyPackages. */
  async register(username: string, options: Readonly<{ jurisdiction?: string }> = {}): Promise<void> {
    const { deviceId, device } = newDevice();
    const identity: LocalIdentity = {
      serverUrl: this.#options.serverUrl,
      username,
      deviceId,
      device,
      account: generateSigningKeyPair(),
    };
    // Keys are stored before the server hears of them, so a crash cannot leave an account nobody can use.
    await saveIdentity(this.#options.store, identity);
    const session = this.#start(identity);
    await session.directory.accept(await registerAccount(this.#http, identity, options.jurisdiction ?? null));
    await login(this.#http, identity);
    await session.keyPackages.topUp();
  }

  /** Opens the profile already in the store and logs in. */
  async open(): Promise<void> {
    const identity = await loadIdentity(this.#options.store);
    if (!identity) throw new Error('the store holds no Parley profile');
    this.#start(identity);
    await login(this.#http, identity);
  }

  /**
   * On a new device: creates its key and returns the code to approve on the device holding the account key.
   * Then call `completeLink()`.
   */
  async createLinkRequest(username: string): Promise<string> {
    const { deviceId, device } = newDevice();
    const identity: LocalIdentity = {
      serverUrl: this.#options.serverUrl,
      username,
      deviceId,
      device,
      account: undefined,
    };
    await saveIdentity(this.#options.store, identity);
    this.#start(identity);
    return encodeLinkCode({ username, deviceId, signatureKey: toKey(device.publicKey) });
  }

  /** On the new device, once approved: logs in, checks its own entry in the signed list, publishes KeyPackages. */
  async completeLink(): Promise<void> {
    const { identity, directory, keyPackages } = this.#ready();
    await login(this.#http, identity);
    const account = await directory.get(identity.username, { refresh: true });
    const entry = account.list.devices.find((d) => d.deviceId === identity.deviceId);
    if (entry?.signatureKey !== toKey(identity.device.publicKey))
      throw new Error('this device is not in the signed list');
    await keyPackages.topUp();
  }

  /**
   * On the device holding the account key: adds the device in `code` to the signed list. This client then adds
   * it to each of its conversations once the new device has published KeyPackages.
   */
  async approveDevice(code: string): Promise<DeviceRef> {
    const request = decodeLinkCode(code);
    await approveLink(this.#http, this.#ready().directory, this.#ready().identity, request);
    return { username: request.username, deviceId: request.deviceId };
  }

  /** Connects the WebSocket; resolves once authenticated. Stored messages then arrive, then `synced`. */
  async connect(): Promise<void> {
    const { identity } = this.#ready();
    const factory = this.#options.socketFactory ?? globalSocketFactory();
    if (!factory) throw new Error('no WebSocket available: pass socketFactory');
    this.#socket ??= new SessionSocket({
      baseUrl: this.#options.serverUrl,
      factory,
      token: async (fresh) => (fresh || !this.#http.token ? login(this.#http, identity) : this.#http.token),
      onFrame: (frame) => this.#onFrame(frame),
      onStateChange: (state) => this.#events.emit({ type: 'connection', state }),
      ...(this.#options.reconnectBackoff ? { backoff: this.#options.reconnectBackoff } : {}),
    });
    await this.#socket.open();
  }

  /** Closes the connection and waits for work in progress to finish. */
  async close(): Promise<void> {
    this.#socket?.close();
    this.#socket = undefined;
    await this.#session?.engine.idle();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** The devices in an account's signed list (this account by default), as verified by this device. */
  async devices(username?: string): Promise<DeviceEntry[]> {
    const { directory, identity } = this.#ready();
    return [...(await directory.get(username ?? identity.username, { refresh: true })).list.devices];
  }

  /** The number both users compare to detect a substituted account key. */
  async safetyNumber(username: string): Promise<string> {
    const { directory, identity } = this.#ready();
    const mine = await directory.get(identity.username);
    const theirs = await directory.get(username);
    return computeSafetyNumber(
      { username: mine.username, accountKey: mine.accountKey },
      { username: theirs.username, accountKey: theirs.accountKey },
    );
  }

  /** The same comparison as a QR payload: both devices produce the same string, so a scan is an equality check. */
  async safetyNumberQr(username: string): Promise<string> {
    const { directory, identity } = this.#ready();
    const mine = await directory.get(identity.username);
    const theirs = await directory.get(username);
    return safetyNumberQrPayload(
      { username: mine.username, accountKey: mine.accountKey },
      { username: theirs.username, accountKey: theirs.accountKey },
    );
  }

  async createConversation(name: string, usernames: readonly string[]): Promise<Conversation> {
    const id = await this.#ready().membership.create(name, usernames);
    return { id, name, status: 'active' };
  }

  /** Adds every device of each account; returns the number of devices added. */
  addMembers(conversationId: string, usernames: readonly string[]): Promise<number> {
    return this.#ready().membership.addAccounts(conversationId, usernames);
  }

  /** Removes every device of the account from the conversation. */
  async removeMember(conversationId: string, username: string): Promise<void> {
    await this.#ready().membership.removeAccount(conversationId, username);
  }

  conversations(): Promise<Conversation[]> {
    return this.#ready().records.conversations();
  }

  /** The devices in the conversation's current MLS epoch. */
  async members(conversationId: string): Promise<DeviceRef[]> {
    const { engine } = this.#ready();
    return engine.run(conversationId, async () => {
      const record = await engine.load(conversationId);
      return record
        ? groupMembers(record.group).map((m) => ({ username: m.username, deviceId: m.deviceId }))
        : [];
    });
  }

  async send(conversationId: string, text: string): Promise<ChatMessage> {
    const { engine, records, identity } = this.#ready();
    return engine.run(conversationId, async () => {
      const sentAt = new Date().toISOString();
      const seq = await engine.sendPayload(conversationId, { v: 1, t: 'text', body: text, sentAt });
      const message: ChatMessage = {
        conversationId,
        seq,
        sender: { username: identity.username, deviceId: identity.deviceId },
        text,
        sentAt,
      };
      await records.addMessage(message);
      return message;
    });
  }

  /** The local history, in conversation order. */
  messages(conversationId: string): Promise<ChatMessage[]> {
    return this.#ready().records.messages(conversationId);
  }

  /** Government requests about this account that Parley has told its member about (see `notice` events). */
  async notices(): Promise<MemberNotice[]> {
    const { identity } = this.#ready();
    return fetchNotices(this.#http, () => login(this.#http, identity));
  }

  on<T extends ParleyEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    return this.#events.on(type, handler);
  }

  events(): AsyncIterableIterator<ParleyEvent> {
    return this.#events.stream();
  }

  #start(identity: LocalIdentity): Session {
    const store = this.#options.store;
    const events = this.#events;
    const directory = new AccountDirectory(this.#http, store, {
      changed: (before, after) => {
        if (!before) return;
        for (const device of after.list.devices) {
          if (!before.list.devices.some((d) => d.deviceId === device.deviceId)) {
            events.emit({ type: 'device-added', username: after.username, deviceId: device.deviceId });
          }
        }
      },
      refused: (error) =>
        events.emit({ type: 'security-alert', problem: error.problem, username: error.username }),
    });
    const records = new ConversationRecords(store);
    const mls = mlsIdentity(identity);
    const keyPackages = new KeyPackagePool(store, this.#http, mls, this.#options.now);
    const engine = new GroupEngine({
      http: this.#http,
      records,
      identity: mls,
      directory,
      keyPackages,
      events,
      ack: (groupId, seq) => {
        if (this.#socket?.send({ type: 'ack', groupId, seq })) return;
        void this.#http.call('ack', { params: { groupId }, body: { seq } }).catch(() => undefined);
      },
    });
    const membership = new Membership({
      http: this.#http,
      engine,
      records,
      directory,
      events,
      self: { username: identity.username, deviceId: identity.deviceId, identity: mls },
    });
    this.#session = { identity, directory, records, keyPackages, engine, membership };
    return this.#session;
  }

  #ready(): Session {
    if (!this.#session) throw new Error('call register, open or createLinkRequest first');
    return this.#session;
  }

  #onFrame(frame: ServerFrame): void {
    const session = this.#session;
    if (!session) return;
    const { engine, directory, membership, identity } = session;
    const background = (task: Promise<unknown>) => void task.catch(() => undefined);
    switch (frame.type) {
      case 'ready':
        engine.resume();
        return;
      case 'message':
        engine.receive(frame.message);
        return;
      case 'synced':
        background(
          engine.idle().then(() => {
            this.#events.emit({ type: 'synced' });
            return membership.syncOwnDevices();
          }),
        );
        // Each connection checks the published KeyPackages: a device that is rarely online still replaces
        // its packages before their lifetime ends.
        background(session.keyPackages.topUp());
        return;
      case 'device-list-changed':
        background(
          directory.get(frame.username, { refresh: true }).then(() => {
            if (frame.username === identity.username) return membership.syncOwnDevices();
          }),
        );
        return;
      case 'key-packages-published':
        if (frame.deviceId !== identity.deviceId) background(membership.syncOwnDevices());
        return;
      case 'notice':
        this.#events.emit({ type: 'notice', id: frame.id });
        return;
      default:
        return;
    }
  }
}

function toKey(bytes: Uint8Array): string {
  return toBase64url(bytes);
}
