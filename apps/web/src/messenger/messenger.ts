import type { MemberNotice } from '@parley/protocol';
import {
  type ChatMessage,
  type ClientStore,
  type Conversation,
  describeSecurityAlert,
  type KtState,
  ParleyClient,
  type ParleyEvent,
  type PendingMessage,
  type SocketState,
} from '@parley/sdk/browser';
import { computed, signal } from '@preact/signals';
import { Alerts } from './alerts.ts';
import { ReadMarks } from './read-marks.ts';

/** A conversation as the list shows it. */
export type ConversationSummary = Readonly<{
  conversation: Conversation;
  unread: number;
  last: ChatMessage | undefined;
}>;

/**
 * The messenger's view of one device: the SDK client (MLS runs here, in the page) and the signals the screens
 * render. Every SDK event updates a signal; screens never poll.
 */
export class Messenger {
  readonly client: ParleyClient;
  readonly alerts = new Alerts();
  readonly conversations = signal<readonly Conversation[]>([]);
  readonly history = signal<ReadonlyMap<string, readonly ChatMessage[]>>(new Map());
  /** Messages written here that the server has not taken yet, by conversation, oldest first. */
  readonly pending = signal<ReadonlyMap<string, readonly PendingMessage[]>>(new Map());
  readonly connection = signal<SocketState>('idle');
  readonly synced = signal(false);
  readonly notices = signal<readonly MemberNotice[]>([]);
  /** Bumped when a conversation's roster or any account's device list changes, so open screens reload. */
  readonly rosterVersion = signal(0);
  /** Each contact's standing against the key directory, as this device last checked it. */
  readonly transparency = signal<ReadonlyMap<string, KtState>>(new Map());
  /** The conversation on screen: its messages count as read while the page is visible. */
  readonly active = signal<string | undefined>(undefined);
  readonly #reads: ReadMarks;
  /** Outbox ids that left the outbox, so a late `send` does not show them as pending again. */
  readonly #delivered = new Set<string>();
  readonly #unsubscribe: (() => void)[] = [];

  readonly summaries = computed((): ConversationSummary[] => {
    const marks = this.#reads.marks.value;
    const me = this.client.deviceId;
    return this.conversations.value
      .map((conversation) => {
        const messages = this.history.value.get(conversation.id) ?? [];
        const seen = marks.get(conversation.id) ?? 0;
        const unread = messages.filter((m) => m.seq > seen && m.sender.deviceId !== me).length;
        return { conversation, unread, last: messages.at(-1) };
      })
      .sort((a, b) => (b.last?.sentAt ?? '').localeCompare(a.last?.sentAt ?? ''));
  });

  private constructor(client: ParleyClient, store: ClientStore) {
    this.client = client;
    this.#reads = new ReadMarks(store);
  }

  /** Opens the profile in the store, then connects: stored messages arrive (catch-up), then `synced`. */
  static async open(store: ClientStore, serverUrl: string): Promise<Messenger> {
    const client = new ParleyClient({ serverUrl, store });
    await client.open();
    return Messenger.#start(client, store);
  }

  static async register(
    store: ClientStore,
    serverUrl: string,
    username: string,
    jurisdiction: string | undefined,
  ): Promise<Messenger> {
    const client = new ParleyClient({ serverUrl, store });
    await client.register(username, jurisdiction === undefined ? {} : { jurisdiction });
    return Messenger.#start(client, store);
  }

  static async completeLink(store: ClientStore, serverUrl: string, accountCode: string): Promise<Messenger> {
    const client = new ParleyClient({ serverUrl, store });
    await client.open();
    await client.completeLink(accountCode);
    return Messenger.#start(client, store);
  }

  static async #start(client: ParleyClient, store: ClientStore): Promise<Messenger> {
    const messenger = new Messenger(client, store);
    await messenger.#reads.load();
    await messenger.#reloadAll();
    messenger.#subscribe();
    messenger.#watchNetwork();
    // Not awaited: offline, the history is still readable and the header says so until the network is back.
    void client.connect().catch(() => undefined);
    if (!navigator.onLine) client.setOnline(false);
    void messenger.refreshNotices();
    return messenger;
  }

  get username(): string {
    return this.client.username;
  }

  async createConversation(name: string, usernames: readonly string[]): Promise<string> {
    const created = await this.client.createConversation(name, usernames);
    await this.#reloadConversations();
    return created.id;
  }

  /** Shown at once as pending; the outbox sends it now or, offline, once connected, in order. */
  async send(conversationId: string, text: string, replyTo?: number): Promise<void> {
    const pending = await this.client.enqueue(conversationId, text, replyTo === undefined ? {} : { replyTo });
    // The outbox may have sent it already, before this line ran.
    if (!this.#delivered.has(pending.id))
      this.#setPending(conversationId, [...this.#pendingIn(conversationId), pending]);
  }

  async react(conversationId: string, target: number, emoji: string): Promise<void> {
    const message = await this.client.react(conversationId, target, emoji);
    this.#append(message);
    await this.#reads.mark(conversationId, message.seq);
  }

  /** Marks everything shown in the conversation as read. */
  async markRead(conversationId: string): Promise<void> {
    const last = this.history.value.get(conversationId)?.at(-1);
    if (last) await this.#reads.mark(conversationId, last.seq);
  }

  async refreshNotices(): Promise<void> {
    try {
      this.notices.value = await this.client.notices();
    } catch {
      // Shown again on the next notice event or visit; the list is the server's record, not ours.
    }
  }

  /** Reads a contact's last key-transparency state into `transparency` if it is not there yet. */
  async loadTransparency(username: string): Promise<void> {
    if (this.transparency.value.has(username)) return;
    const state = await this.client.keyTransparencyState(username);
    if (state && !this.transparency.value.has(username)) this.#setTransparency(username, state);
  }

  /** Checks a contact against the key directory's newest epoch now; the outcome arrives as an event. */
  async checkTransparency(username: string): Promise<void> {
    await this.client.checkKeyTransparency(username);
  }

  #setTransparency(username: string, state: KtState): void {
    this.transparency.value = new Map(this.transparency.value).set(username, state);
  }

  async close(): Promise<void> {
    for (const stop of this.#unsubscribe.splice(0)) stop();
    await this.client.close();
  }

  /** The browser knows at once when the network goes; a socket can look open for minutes after. */
  #watchNetwork(): void {
    const update = () => this.client.setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    this.#unsubscribe.push(() => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    });
  }

  #subscribe(): void {
    const stream = this.client.events();
    this.#unsubscribe.push(() => void stream.return?.());
    void (async () => {
      for await (const event of stream) await this.#handle(event).catch(() => undefined);
    })();
  }

  async #handle(event: ParleyEvent): Promise<void> {
    switch (event.type) {
      case 'message':
        this.#append(event.message);
        if (!this.conversations.value.some((c) => c.id === event.message.conversationId))
          await this.#reloadConversations();
        if (this.active.value === event.message.conversationId && document.visibilityState === 'visible')
          await this.#reads.mark(event.message.conversationId, event.message.seq);
        return;
      case 'conversation-joined':
      case 'conversation-renamed':
        await this.#reloadConversations();
        return;
      case 'members-changed':
        this.rosterVersion.value++;
        return;
      case 'removed-from-conversation':
        await this.#reloadConversations();
        this.rosterVersion.value++;
        this.alerts.push('warning', `You were removed from ${this.#name(event.conversationId)}.`);
        return;
      case 'device-added':
        this.rosterVersion.value++;
        this.alerts.push(
          'warning',
          event.username === this.username
            ? 'A new device was added to your account. If it was not you, your account key is compromised.'
            : `${event.username} added a new device. Compare safety numbers if you did not expect it.`,
          event.username === this.username ? '/devices' : `/contacts/${encodeURIComponent(event.username)}`,
        );
        return;
      case 'security-alert': {
        // The key directory contradicting the server is never closed by a plain dismiss.
        if (!event.problem.startsWith('kt-')) return this.alerts.push('danger', describeSecurityAlert(event));
        const own = event.username === undefined || event.username === this.username;
        const href = own ? '/devices' : `/contacts/${encodeURIComponent(event.username ?? '')}`;
        this.alerts.push('danger', describeSecurityAlert(event), href, { acknowledge: true });
        return;
      }
      case 'key-transparency':
        this.#setTransparency(event.username, event.state);
        return;
      case 'undecryptable':
        this.alerts.push(
          'warning',
          `A message in ${this.#name(event.conversationId)} could not be decrypted.`,
        );
        return;
      case 'notice':
        await this.refreshNotices();
        this.alerts.push('warning', 'Parley received a government request about your account.', '/notices');
        return;
      case 'sent':
        this.#append(event.message);
        this.#dropPending(event.message.conversationId, event.pendingId);
        await this.#reads.mark(event.message.conversationId, event.message.seq);
        return;
      case 'unsent':
        this.#dropPending(event.pending.conversationId, event.pending.id);
        this.alerts.push(
          'danger',
          `Your message “${event.pending.text}” to ${this.#name(event.pending.conversationId)} was not sent: ${event.reason}`,
        );
        return;
      case 'connection':
        this.connection.value = event.state;
        return;
      case 'synced':
        this.synced.value = true;
        return;
    }
  }

  #pendingIn(conversationId: string): readonly PendingMessage[] {
    return this.pending.value.get(conversationId) ?? [];
  }

  #setPending(conversationId: string, list: readonly PendingMessage[]): void {
    this.pending.value = new Map(this.pending.value).set(conversationId, list);
  }

  #dropPending(conversationId: string, id: string): void {
    this.#delivered.add(id);
    this.#setPending(
      conversationId,
      this.#pendingIn(conversationId).filter((p) => p.id !== id),
    );
  }

  #append(message: ChatMessage): void {
    const current = this.history.value.get(message.conversationId) ?? [];
    if (current.some((m) => m.seq === message.seq)) return;
    const next = [...current, message].sort((a, b) => a.seq - b.seq);
    this.history.value = new Map(this.history.value).set(message.conversationId, next);
  }

  async #reloadConversations(): Promise<void> {
    this.conversations.value = await this.client.conversations();
  }

  async #reloadAll(): Promise<void> {
    await this.#reloadConversations();
    const history = new Map<string, readonly ChatMessage[]>();
    const pending = new Map<string, readonly PendingMessage[]>();
    for (const conversation of this.conversations.value) {
      history.set(conversation.id, await this.client.messages(conversation.id));
      pending.set(conversation.id, await this.client.pendingMessages(conversation.id));
    }
    this.history.value = history;
    this.pending.value = pending;
  }

  #name(conversationId: string): string {
    return this.conversations.value.find((c) => c.id === conversationId)?.name ?? 'a conversation';
  }
}
