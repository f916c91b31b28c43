import { generateSigningKeyPair, members as groupMembers } from '@parley/crypto';
import { type DeviceEntry, type MemberNotice, type ServerFrame, toBase64url } from '@parley/protocol';
import { EventHub, type EventOf, type ParleyEvent, type ParleyEventType } from './events.ts';
import { DeviceListRefusedError } from './identity/account-directory.ts';
import {
  approveLink,
  decodeLinkCode,
  encodeLinkCode,
  login,
  registerAccount,
  revokeDevice,
} from './identity/account-flows.ts';
import { type LocalIdentity, loadIdentity, newDevice, saveIdentity } from './identity/device-identity.ts';
import { type WitnessPolicy, witnessVerifiers } from './identity/key-transparency.ts';
import type { KtState } from './identity/kt-state.ts';
import { completeLink, type PendingLink, pendingLink, rememberPendingLink } from './identity/linking.ts';
import { randomId } from './identity/random-id.ts';
import type { ChatMessage, Conversation, DeviceRef } from './messaging/conversation-records.ts';
import { adminsOf } from './messaging/conversation-roles.ts';
import type { PendingMessage } from './messaging/outbox.ts';
import { replyRefTo, sendReaction, sendText } from './messaging/send-text.ts';
import { fetchNotices } from './notices/member-notices.ts';
import { createSession, type Session } from './session.ts';
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
  /** Milliseconds since the epoch; defaults to `Date.now` (tests move it to check key updates and refreshes). */
  clock?: () => number;
  /**
   * cosignature/v1 vkeys of trusted witnesses and how many must have cosigned a key directory checkpoint
   * before this client believes any lookup under it (the set and quorum `auditLog` uses for the request
   * log); a checkpoint short of it is refused with `kt-unwitnessed`. Default: no quorum.
   */
  witnesses?: WitnessPolicy;
}>;

/** `replyTo`: the conversation seq of the message this one answers (quoted with its author and opening). */
export type SendOptions = Readonly<{ replyTo?: number }>;

/** How often a connected client checks whether a conversation's routine key update is due. */
const keyUpdateCheckMs = 60 * 60 * 1000;

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

  /** Throws WitnessPolicyError when `witnesses` holds a key that does not parse or a quorum it cannot meet. */
  constructor(options: ParleyClientOptions) {
    if (options.witnesses) witnessVerifiers(options.witnesses);
    this.#options = options;
    this.#http = new HttpClient({
      baseUrl: options.serverUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** The link code of a device whose linking has not completed (to show again), or undefined. */
  static pendingLink(store: ClientStore): Promise<PendingLink | undefined> {
    return pendingLink(store);
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
    const account = await registerAccount(this.#http, identity, options.jurisdiction ?? null);
    // Logged in first: pinning checks the key directory, whose lookups need a session.
    await login(this.#http, identity);
    await session.directory.accept(account);
    await session.keyPackages.topUp();
  }

  /** Opens the profile already in the store and logs in (a device still being linked only loads its keys). */
  async open(): Promise<void> {
    const identity = await loadIdentity(this.#options.store);
    if (!identity) throw new Error('the store holds no Parley profile');
    this.#start(identity);
    if (await pendingLink(this.#options.store)) return;
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
    await rememberPendingLink(this.#options.store, { username, code });
    return code;
  }

  /**
   * On the new device, once approved, with the account code the approving device showed (see
   * `identity/linking.ts`: nothing is pinned unless the served account key has that code); then publishes
   * KeyPackages. Throws LinkPendingError until approved, LinkVerificationError on a mismatch.
   */
  async completeLink(accountCodeShown: string): Promise<void> {
    const { identity, directory, keyPackages } = this.#ready();
    const deps = { http: this.#http, store: this.#options.store, directory, events: this.#events, identity };
    await completeLink(deps, accountCodeShown);
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
  accountCode(): Promise<string> {
    return this.#ready().trust.accountCode();
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
      onStateChange: (state) => {
        this.#events.emit({ type: 'connection', state });
        if (state === 'open') void this.flushOutbox();
      },
      ...(this.#options.reconnectBackoff ? { backoff: this.#options.reconnectBackoff } : {}),
    });
    await this.#socket.open();
    if (this.#keyUpdates === undefined) {
      this.#keyUpdates = setInterval(() => void this.#hourly(), keyUpdateCheckMs);
      // A Node process must not stay alive just for this timer.
      if (typeof this.#keyUpdates === 'object' && 'unref' in this.#keyUpdates) this.#keyUpdates.unref();
    }
  }

  /**
   * Tells the client whether the device has a network (in a browser, `navigator.onLine` and its events):
   * offline shows as the `offline` connection state at once instead of a dead socket that looks open.
   */
  setOnline(online: boolean): void {
    this.#socket?.setOnline(online);
  }

  /** Closes the connection and waits for work in progress to finish. */
  async close(): Promise<void> {
    this.#socket?.close();
    this.#socket = undefined;
    this.#session?.outbox.stop();
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
  safetyNumber(username: string): Promise<string> {
    return this.#ready().trust.safetyNumber(username);
  }

  /** The same comparison as a QR payload: both devices produce the same string, so a scan is an equality check. */
  safetyNumberQr(username: string): Promise<string> {
    return this.#ready().trust.safetyNumberQr(username);
  }

  /** Remembers that the safety number was compared, for this key only, on every device of the account. */
  async markVerified(username: string): Promise<void> {
    const { trust, trustSync } = this.#ready();
    await trust.markVerified(username);
    await trustSync.shareContact(username);
  }

  /**
   * Whether the account this device pinned for `username` is the one the server's key directory holds
   * ('verified'), a device list newer than the directory's newest epoch ('pending'), or not yet checked.
   */
  keyTransparency(username: string): Promise<'verified' | 'pending' | undefined> {
    return this.#ready().transparency.status(username);
  }

  /** The last key-directory check of `username`: verified or pending at an epoch, or refused and why. */
  keyTransparencyState(username: string): Promise<KtState | undefined> {
    return this.#ready().transparency.state(username);
  }

  /**
   * Checks `username` against the key directory's newest epoch now and returns the outcome; a refusal is
   * returned as the state (and raised as a security alert), not thrown.
   */
  async checkKeyTransparency(username: string): Promise<KtState | undefined> {
    const { directory, transparency } = this.#ready();
    try {
      await directory.recheck(username);
    } catch (error) {
      if (!(error instanceof DeviceListRefusedError)) throw error;
    }
    return transparency.state(username);
  }

  /** Looks up this account in the key directory now and alerts on anything this account did not sign. */
  checkOwnAccount(): Promise<void> {
    return this.#ready().ownAccount.check();
  }

  /** The day the user marked `username`'s current account key as verified, or undefined. */
  verifiedOn(username: string): Promise<string | undefined> {
    return this.#ready().trust.verifiedOn(username);
  }

  async createConversation(name: string, usernames: readonly string[]): Promise<Conversation> {
    const id = await this.#ready().membership.create(name, usernames);
    return { id, name, status: 'active' };
  }

  /** Adds every device of each account; returns the number of devices added. */
  addMembers(conversationId: string, usernames: readonly string[]): Promise<number> {
    return this.#ready().membership.addAccounts(conversationId, usernames);
  }

  /** Removes every device of the account from the conversation (another account's: admins only). */
  async removeMember(conversationId: string, username: string): Promise<void> {
    await this.#ready().membership.removeAccount(conversationId, username);
  }

  /** Names a member an admin, who may then remove others and name admins (admins only). */
  async makeAdmin(conversationId: string, username: string): Promise<void> {
    await this.#ready().membership.makeAdmin(conversationId, username);
  }

  /** The conversation's admins, as its MLS group context (which every member verified) says. */
  async admins(conversationId: string): Promise<string[]> {
    const { engine } = this.#ready();
    return engine.run(conversationId, async () => {
      const record = await engine.load(conversationId);
      return record ? adminsOf(record.group) : [];
    });
  }

  /** The conversations the user has (the account's own one, where its devices share trust, is not listed). */
  async conversations(): Promise<Conversation[]> {
    const { records, trustSync } = this.#ready();
    const own = await trustSync.accountGroup();
    return (await records.conversations()).filter((c) => c.id !== own);
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

  /** Sends now, or throws: for a one-shot command. Apps that stay open use `enqueue`. */
  async send(conversationId: string, text: string, options: SendOptions = {}): Promise<ChatMessage> {
    const { engine, records, identity } = this.#ready();
    return sendText(engine, records, identity, await this.#pending(conversationId, text, options));
  }

  /**
   * Keeps the message in the outbox, stored, and tries to send it; while the server cannot be reached it
   * waits, and everything waiting goes out in order once connected (`sent` or `unsent` events follow).
   */
  async enqueue(conversationId: string, text: string, options: SendOptions = {}): Promise<PendingMessage> {
    const pending = await this.#pending(conversationId, text, options);
    await this.#ready().outbox.add(pending);
    void this.flushOutbox();
    return pending;
  }

  /** Puts an emoji on the message with conversation seq `target` (every member sees the same seq). */
  react(conversationId: string, target: number, emoji: string): Promise<ChatMessage> {
    const { engine, records, identity } = this.#ready();
    return sendReaction(engine, records, identity, conversationId, target, emoji);
  }

  async #pending(conversationId: string, text: string, options: SendOptions): Promise<PendingMessage> {
    const { engine, records } = this.#ready();
    const replyTo =
      options.replyTo === undefined ? undefined : await replyRefTo(records, conversationId, options.replyTo);
    const sentAt = new Date(engine.now()).toISOString();
    return { id: randomId(), conversationId, text, sentAt, ...(replyTo ? { replyTo } : {}) };
  }

  /** The conversation's messages still waiting in the outbox, oldest first. */
  pendingMessages(conversationId: string): Promise<PendingMessage[]> {
    return this.#ready().outbox.list(conversationId);
  }

  /** Sends what waits in the outbox now (the client does so by itself each time it connects). */
  flushOutbox(): Promise<void> {
    return this.#ready().outbox.flush();
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
    this.#session = createSession({
      identity,
      store: this.#options.store,
      http: this.#http,
      events: this.#events,
      clock: this.#options.clock ?? Date.now,
      connected: () => this.#socket?.state === 'open',
      ...(this.#options.witnesses ? { witnesses: this.#options.witnesses } : {}),
      ack: (groupId, seq) => {
        if (this.#socket?.send({ type: 'ack', groupId, seq })) return;
        void this.#http.call('ack', { params: { groupId }, body: { seq } }).catch(() => undefined);
      },
    });
    return this.#session;
  }

  /** Commits the routine key update of every active conversation where one is due. */
  async #updateKeys(): Promise<void> {
    await this.#session?.engine.updateAllKeysIfDue();
  }

  /** The hourly timer's work: routine key updates, and this account's own directory entry. */
  async #hourly(): Promise<void> {
    await this.#updateKeys();
    await this.#session?.ownAccount.check();
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
            // Retried on the next connection if it fails; until then pins stay on this device only.
            await session.trustSync.ensureAccountGroup().catch(() => undefined);
            this.#events.emit({ type: 'synced' });
            await session.ownAccount.check();
            await membership.syncOwnDevices();
            await membership.checkRosters();
            await this.#updateKeys();
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
