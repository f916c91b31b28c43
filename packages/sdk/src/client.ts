import {
  accountCode,
  safetyNumber as computeSafetyNumber,
  generateSigningKeyPair,
  members as groupMembers,
  safetyNumberQrPayload,
} from '@parley/crypto';
import {
  type DeviceEntry,
  fromBase64url,
  type MemberNotice,
  type ServerFrame,
  toBase64url,
} from '@parley/protocol';
import { EventHub, type EventOf, type ParleyEvent, type ParleyEventType } from './events.ts';
import { AccountDirectory } from './identity/account-directory.ts';
import {
  approveLink,
  decodeLinkCode,
  encodeLinkCode,
  LinkPendingError,
  LinkVerificationError,
  login,
  registerAccount,
  revokeDevice,
  sameAccountCode,
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
import { type ClientStore, getJson, putJson } from './store/client-store.ts';
import { ParleyApiError } from './transport/api-error.ts';
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
  /** Milliseconds since the epoch; defaults to `Date.now` (tests move it to check routine key updates). */
  clock?: () => number;
}>;

/** Where a device being linked keeps its link code until the link completes, so a reload can resume. */
const pendingLinkKey = 'link/pending';

const verifiedKey = (username: string) => `verified/${username}`;

/** How long a contact waits (times 1–2, at random) for the owner's devices to remove a revoked device. */
const contactRemovalGraceMs = 5_000;

/** How often a connected client checks whether a conversation's routine key update is due. */
const keyUpdateCheckMs = 60 * 60 * 1000;

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
  #keyUpdates: ReturnType<typeof setInterval> | undefined;

  constructor(options: ParleyClientOptions) {
    this.#options = options;
    this.#http = new HttpClient({
      baseUrl: options.serverUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** The link code of a device whose linking has not completed (to show again), or undefined. */
  static async pendingLink(
    store: ClientStore,
  ): Promise<Readonly<{ username: string; code: string }> | undefined> {
    const raw = await getJson(store, pendingLinkKey);
    if (typeof raw !== 'object' || raw === null) return undefined;
    const code: unknown = Reflect.get(raw, 'code');
    const username: unknown = Reflect.get(raw, 'username');
    return typeof code === 'string' && typeof username === 'string' ? { username, code } : undefined;
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

  /** Whether this device holds the account key (the only device that can approve or remove devices). */
  get holdsAccountKey(): boolean {
    return this.#ready().identity.account !== undefined;
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

  /** Opens the profile already in the store and logs in (a device still being linked only loads its keys). */
  async open(): Promise<void> {
    const identity = await loadIdentity(this.#options.store);
    if (!identity) throw new Error('the store holds no Parley profile');
    this.#start(identity);
    if (await ParleyClient.pendingLink(this.#options.store)) return;
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
    const code = encodeLinkCode({ username, deviceId, signatureKey: toKey(device.publicKey) });
    await putJson(this.#options.store, pendingLinkKey, { username, code });
    return code;
  }

  /**
   * On the new device, once approved, with the account code the approving device showed: nothing is pinned
   * unless the account key the server serves has that code, so the server cannot make the new device trust
   * an account of its own. Then logs in, checks its own entry in the signed list, publishes KeyPackages.
   * Throws LinkPendingError while the approval has not happened (try again later) and LinkVerificationError,
   * with a security alert, when the code does not match (never retry that).
   */
  async completeLink(accountCodeShown: string): Promise<void> {
    const { identity, directory, keyPackages } = this.#ready();
    try {
      await login(this.#http, identity);
    } catch (error) {
      if (error instanceof ParleyApiError && error.code === 'unknown_device')
        throw new LinkPendingError('this device has not been approved yet');
      throw error;
    }
    const served = await this.#http.call('getAccount', { params: { username: identity.username } });
    if (
      !sameAccountCode(accountCodeShown, {
        username: served.username,
        accountKey: fromBase64url(served.accountKey),
      })
    ) {
      this.#events.emit({
        type: 'security-alert',
        problem: 'link-account-mismatch',
        username: identity.username,
      });
      throw new LinkVerificationError(
        'the account key the server serves does not match the account code shown on your other device',
      );
    }
    const account = await directory.accept(served);
    const entry = account.list.devices.find((d) => d.deviceId === identity.deviceId);
    if (entry?.signatureKey !== toKey(identity.device.publicKey))
      throw new LinkPendingError('this device is not in the signed list yet');
    await this.#options.store.delete(pendingLinkKey);
    await keyPackages.topUp();
  }

  /**
   * On the device holding the account key: adds the device in `code` to the signed list, and returns the
   * account code to enter on the new device (it checks the account key with it). This client then adds the
   * device to each of its conversations once it has published KeyPackages.
   */
  async approveDevice(code: string): Promise<DeviceRef & Readonly<{ accountCode: string }>> {
    const { directory, identity } = this.#ready();
    const request = decodeLinkCode(code);
    await approveLink(this.#http, directory, identity, request);
    return { username: request.username, deviceId: request.deviceId, accountCode: await this.accountCode() };
  }

  /** This account's code (its half of every safety number), as a device being linked must see it. */
  async accountCode(): Promise<string> {
    const { directory, identity } = this.#ready();
    const mine = await directory.get(identity.username);
    return accountCode({ username: mine.username, accountKey: mine.accountKey });
  }

  /**
   * On the device holding the account key: signs a device list without `deviceId` (a lost, stolen or retired
   * device), then removes that device from every conversation in MLS. Other members do the same when they
   * see the shorter list, so whoever is first cuts it off.
   */
  async removeDevice(deviceId: string): Promise<void> {
    const { membership, directory, identity } = this.#ready();
    await revokeDevice(this.#http, directory, identity, deviceId);
    await membership.removeRevoked([identity.username]);
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
    if (this.#keyUpdates === undefined) {
      this.#keyUpdates = setInterval(() => void this.#updateKeys(), keyUpdateCheckMs);
      // A Node process must not stay alive just for this timer.
      if (typeof this.#keyUpdates === 'object' && 'unref' in this.#keyUpdates) this.#keyUpdates.unref();
    }
  }

  /** Closes the connection and waits for work in progress to finish. */
  async close(): Promise<void> {
    this.#socket?.close();
    this.#socket = undefined;
    clearInterval(this.#keyUpdates);
    this.#keyUpdates = undefined;
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

  /**
   * Remembers that the user compared the safety number with `username` and it matched, for the account key
   * pinned now. The mark holds only for that key: `verifiedOn` answers undefined for any other.
   */
  async markVerified(username: string): Promise<void> {
    const { directory } = this.#ready();
    const theirs = await directory.get(username);
    const on = new Date(this.#options.clock?.() ?? Date.now()).toISOString().slice(0, 10);
    await putJson(this.#options.store, verifiedKey(username), { accountKey: toKey(theirs.accountKey), on });
  }

  /** The day the user marked `username`'s current account key as verified, or undefined. */
  async verifiedOn(username: string): Promise<string | undefined> {
    const { directory } = this.#ready();
    const raw = await getJson(this.#options.store, verifiedKey(username));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const key: unknown = Reflect.get(raw, 'accountKey');
    const on: unknown = Reflect.get(raw, 'on');
    const current = await directory.get(username);
    return key === toKey(current.accountKey) && typeof on === 'string' ? on : undefined;
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
      await engine.updateKeysIfDue(conversationId);
      const sentAt = new Date(engine.now()).toISOString();
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
    const prune = (username: string) =>
      void this.#session?.membership.removeRevoked([username]).catch(() => undefined);
    // The account's own devices remove a revoked device at once; contacts give them a few seconds first, so
    // a group does not see one removal commit attempted by every member.
    const pruneLater = (username: string) => {
      if (username === identity.username) return prune(username);
      const timer = setTimeout(() => prune(username), contactRemovalGraceMs * (1 + Math.random()));
      if (typeof timer === 'object' && 'unref' in timer) timer.unref();
    };
    const directory = new AccountDirectory(this.#http, store, {
      changed: (before, after) => {
        if (!before) return;
        for (const device of after.list.devices) {
          if (!before.list.devices.some((d) => d.deviceId === device.deviceId)) {
            events.emit({ type: 'device-added', username: after.username, deviceId: device.deviceId });
          }
        }
        const kept = (d: DeviceEntry) =>
          after.list.devices.some((a) => a.deviceId === d.deviceId && a.signatureKey === d.signatureKey);
        if (!before.list.devices.every(kept)) pruneLater(after.username);
      },
      refused: (error) =>
        events.emit({ type: 'security-alert', problem: error.problem, username: error.username }),
    });
    const records = new ConversationRecords(store);
    const mls = mlsIdentity(identity);
    const keyPackages = new KeyPackagePool(store, this.#http, mls);
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
      revoked: prune,
      clock: this.#options.clock ?? Date.now,
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

  /**
   * Lists may have shrunk while this device was offline (no `device-list-changed` reached it): fetch the
   * current list of everyone it shares a conversation with and remove what they revoked.
   */
  async #checkRosters({ directory, membership }: Session): Promise<void> {
    const contacts = await membership.contacts();
    const checked: string[] = [];
    for (const username of contacts) {
      // A list that fails to verify was reported by the directory; the others are still checked.
      const fresh = await directory.get(username, { refresh: true }).catch(() => undefined);
      if (fresh) checked.push(username);
    }
    await membership.removeRevoked(checked);
  }

  /** Commits the routine key update of every active conversation where one is due. */
  async #updateKeys(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    for (const conversation of await session.records.conversations()) {
      if (conversation.status !== 'active') continue;
      await session.engine
        .run(conversation.id, () => session.engine.updateKeysIfDue(conversation.id))
        .catch(() => undefined);
    }
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
          engine.idle().then(async () => {
            this.#events.emit({ type: 'synced' });
            await membership.syncOwnDevices();
            await this.#checkRosters(session);
            await this.#updateKeys();
          }),
        );
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
