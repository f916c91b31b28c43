import {
  CryptoError,
  type DeviceRef,
  encryptMessage,
  epoch,
  type Group,
  type Member,
  members,
  processMessage,
  readPublicCommit,
  selfUpdate,
  UnauthorizedMemberError,
} from '@parley/crypto';
import { fromBase64url, type GroupMessage, toBase64url } from '@parley/protocol';
import { ParleyApiError } from '../transport/api-error.ts';
import { sleep } from '../transport/backoff.ts';
import { chatMessageOf } from './chat-message.ts';
import type { ChatMessage, GroupRecord } from './conversation-records.ts';
import { isAccountGroup, keepsRoles } from './conversation-roles.ts';
import type { GroupEngineDeps } from './engine-deps.ts';
import { type AppPayload, decodePayload, encodePayload } from './payload.ts';
import { rejoinAfter } from './rejoin.ts';
import { describeRosterChange } from './roster-lines.ts';
import { SerialQueues } from './serial-queues.ts';
import { applyWelcome } from './welcome.ts';

/** What a commit builder returns: the MLS commit and what the delivery service must do with it. */
export type BuiltCommit = Readonly<{
  commit: Uint8Array;
  welcome?: Uint8Array;
  groupInfo: Uint8Array;
  next: Group;
  added: Member[];
  removed: Member[];
}>;

const maxCommitAttempts = 6;
/** A device refreshes its leaf keys in every conversation at least this often while it is active. */
export const keyUpdateIntervalMs = 24 * 60 * 60 * 1000;
const ref = (m: DeviceRef): DeviceRef => ({ username: m.username, deviceId: m.deviceId });

/**
 * Applies a group's messages strictly in sequence order, one at a time, and runs the device's own commits and
 * sends in the same queue. State is persisted before a message is acknowledged, so an acknowledged message
 * is never lost; a transient failure (network, server) stops the group until the next connection replays it.
 */
export class GroupEngine {
  readonly #deps: GroupEngineDeps;
  readonly #queues = new SerialQueues();
  readonly #cache = new Map<string, GroupRecord>();
  readonly #stalled = new Set<string>();

  constructor(deps: GroupEngineDeps) {
    this.#deps = deps;
  }

  /** Runs a task in the group's queue (commits and sends use this). */
  run<T>(groupId: string, task: () => Promise<T>): Promise<T> {
    return this.#queues.run(groupId, task);
  }

  idle(): Promise<void> {
    return this.#queues.idle();
  }

  /** A new connection replays everything unacknowledged, so stalled groups may try again. */
  resume(): void {
    this.#stalled.clear();
  }

  receive(message: GroupMessage): void {
    void this.run(message.groupId, async () => {
      if (this.#stalled.has(message.groupId)) return;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.#process(message);
          return;
        } catch {
          if (attempt >= 3) {
            this.#stalled.add(message.groupId);
            this.#cache.delete(message.groupId);
            return;
          }
          await sleep(200 * 2 ** attempt);
        }
      }
    });
  }

  async load(groupId: string): Promise<GroupRecord | undefined> {
    const cached = this.#cache.get(groupId);
    if (cached) return cached;
    const stored = await this.#deps.records.group(groupId);
    if (stored) this.#cache.set(groupId, stored);
    return stored;
  }

  async save(groupId: string, record: GroupRecord): Promise<void> {
    await this.#deps.records.saveGroup(groupId, record);
    this.#cache.set(groupId, record);
  }

  now(): number {
    return this.#deps.clock();
  }

  /**
   * Commits an update of this device's leaf keys (post-compromise security) when the last one is a day old,
   * or after this device joined (the package it joined with may have waited on the server, or be the
   * reusable last-resort one). A removal needs none from the survivors: the remover's commit carries a path
   * and the removed leaf's path is blanked. Call inside the group's queue.
   */
  async updateKeysIfDue(groupId: string): Promise<boolean> {
    const record = await this.load(groupId);
    if (!record || record.keysUpdatedAt + keyUpdateIntervalMs > this.now()) return false;
    return this.commit(groupId, async (group) => ({ ...(await selfUpdate(group)), added: [], removed: [] }));
  }

  /** Commits the routine key update of every active conversation where one is due, one queue at a time. */
  async updateAllKeysIfDue(): Promise<void> {
    for (const conversation of await this.#deps.records.conversations()) {
      if (conversation.status !== 'active') continue;
      await this.run(conversation.id, () => this.updateKeysIfDue(conversation.id)).catch(() => undefined);
    }
  }

  /** Encrypts and stores an application payload; call inside the group's queue. */
  /** `id` is the client id the server dedupes by: a retry with the same one cannot be stored twice. */
  async sendPayload(groupId: string, payload: AppPayload, id = randomClientId()): Promise<number> {
    const record = await this.#active(groupId);
    const encrypted = await encryptMessage(record.group, encodePayload(payload));
    // The ratchet has moved: persist before anything leaves, so a generation is never used twice.
    record.group = encrypted.next;
    await this.save(groupId, record);
    const sent = await this.#deps.http.call('send', {
      params: { groupId },
      body: { id, payload: toBase64url(encrypted.message) },
    });
    record.ownSeqs.push(sent.seq);
    await this.save(groupId, record);
    return sent.seq;
  }

  /**
   * Builds a commit from the current state and submits it; on `stale_epoch` it applies the winning commits
   * and builds again. The new state is adopted only after the server accepted it. Call inside the queue.
   */
  async commit(groupId: string, build: (group: Group) => Promise<BuiltCommit | undefined>): Promise<boolean> {
    for (let attempt = 0; attempt < maxCommitAttempts; attempt++) {
      const record = await this.#active(groupId);
      const built = await build(record.group);
      if (!built) return false;
      try {
        const accepted = await this.#deps.http.call('commit', {
          params: { groupId },
          body: {
            epoch: epoch(record.group),
            commit: toBase64url(built.commit),
            ...(built.welcome ? { welcome: toBase64url(built.welcome) } : {}),
            groupInfo: toBase64url(built.groupInfo),
          },
        });
        const before = members(record.group);
        record.group = built.next;
        record.ownSeqs.push(accepted.seq);
        // A commit with a path (every kind but add-only) refreshes the committer's own leaf keys.
        if (readPublicCommit(built.commit).pathLeaf) record.keysUpdatedAt = this.now();
        await this.save(groupId, record);
        await this.#announce(groupId, accepted.seq, this.#deps.identity, built, before, built.next);
        return true;
      } catch (error) {
        if (!(error instanceof ParleyApiError && error.code === 'stale_epoch')) throw error;
        await this.#catchUp(groupId);
      }
    }
    throw new Error(`commit to ${groupId} lost ${maxCommitAttempts} races in a row`);
  }

  /**
   * Tells the app the roster changed and records who joined or left as a line of the conversation's history,
   * shown like a message, so a change of who reads the conversation is never silent. Routine key updates
   * change nobody: no line. The account's own group of its devices is not a conversation: nothing is shown.
   */
  async #announce(
    groupId: string,
    seq: number,
    committer: DeviceRef,
    change: Readonly<{ added: readonly Member[]; removed: readonly Member[] }>,
    before: readonly Member[],
    after: Group,
  ): Promise<void> {
    if (isAccountGroup(after, this.#deps.identity.username)) return;
    this.#deps.events.emit({
      type: 'members-changed',
      conversationId: groupId,
      added: change.added.map(ref),
      removed: change.removed.map(ref),
    });
    if (change.added.length === 0 && change.removed.length === 0) return;
    const roster = { added: change.added.map(ref), removed: change.removed.map(ref) };
    const message: ChatMessage = {
      conversationId: groupId,
      seq,
      sender: ref(committer),
      text: describeRosterChange(committer, roster, before),
      sentAt: new Date(this.now()).toISOString(),
      roster,
    };
    await this.#deps.records.addMessage(message);
    this.#deps.events.emit({ type: 'message', message });
  }

  async #active(groupId: string): Promise<GroupRecord> {
    const conversation = await this.#deps.records.conversation(groupId);
    const record = await this.load(groupId);
    if (!record || conversation?.status !== 'active')
      throw new Error(`conversation ${groupId} is not active`);
    return record;
  }

  /** Fetches and applies what this device has not processed yet (after losing a commit race). */
  async #catchUp(groupId: string): Promise<void> {
    let after = (await this.load(groupId))?.lastSeq ?? 0;
    for (;;) {
      const page = await this.#deps.http.call('messages', { params: { groupId }, query: { after } });
      for (const message of page.messages) {
        await this.#process(message);
        after = message.seq;
      }
      if (!page.more || page.messages.length === 0) return;
    }
  }

  async #process(m: GroupMessage): Promise<void> {
    const bytes = fromBase64url(m.payload);
    if (m.kind === 'welcome') return applyWelcome(this, this.#deps, m, bytes);
    const { records, events } = this.#deps;
    const conversation = await records.conversation(m.groupId);
    const record = await this.load(m.groupId);
    if (
      !record ||
      conversation?.status !== 'active' ||
      m.seq <= record.lastSeq ||
      record.ownSeqs.includes(m.seq)
    ) {
      this.#deps.ack(m.groupId, m.seq);
      return;
    }
    let result: Awaited<ReturnType<typeof processMessage>>;
    try {
      result = await processMessage(record.group, bytes, this.#deps.directory);
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      if (m.kind === 'commit') {
        // The group cannot move past a commit it cannot apply. Only a refused credential is an unauthorized
        // member; anything else this device cannot process, so it rejoins, and says so only if it cannot.
        const refused = error instanceof UnauthorizedMemberError;
        if (!refused && (await rejoinAfter(this, this.#deps, m, record))) return;
        await records.saveConversation({ ...conversation, status: refused ? 'refused' : 'broken' });
        events.emit({
          type: 'security-alert',
          problem: refused ? 'unauthorized-member' : 'unprocessable-commit',
          conversationId: m.groupId,
        });
      } else {
        events.emit({ type: 'undecryptable', conversationId: m.groupId, seq: m.seq });
      }
      record.lastSeq = m.seq;
      await this.save(m.groupId, record);
      this.#deps.ack(m.groupId, m.seq);
      return;
    }
    if (result.kind === 'dropped') {
      record.lastSeq = m.seq;
      await this.save(m.groupId, record);
      this.#deps.ack(m.groupId, m.seq);
      return;
    }
    if (result.kind === 'commit' && result.removedSelf) {
      await records.saveConversation({ ...conversation, status: 'removed' });
      await records.deleteGroup(m.groupId);
      this.#cache.delete(m.groupId);
      this.#deps.ack(m.groupId, m.seq);
      events.emit({ type: 'removed-from-conversation', conversationId: m.groupId });
      return;
    }
    const next: GroupRecord = {
      group: result.next,
      lastSeq: m.seq,
      ownSeqs: record.ownSeqs,
      keysUpdatedAt: record.keysUpdatedAt,
    };
    if (result.kind === 'commit') {
      if (!(await keepsRoles(record.group, result.next, result, this.#deps.directory))) {
        await records.saveConversation({ ...conversation, status: 'refused' });
        this.#deps.ack(m.groupId, m.seq);
        events.emit({
          type: 'security-alert',
          problem: 'unauthorized-commit',
          username: result.committer.username,
          conversationId: m.groupId,
        });
        return;
      }
      const before = members(record.group);
      await this.save(m.groupId, next);
      this.#deps.ack(m.groupId, m.seq);
      await this.#announce(m.groupId, m.seq, result.committer, result, before, result.next);
      return;
    }
    const sender = { ...result.sender, signatureKey: result.senderKey };
    if (!(await this.#deps.directory.isAuthorized(sender))) {
      // A device its account removed (lost or stolen) may still hold the epoch's keys until the removal
      // commit lands: what it writes is never shown.
      await this.save(m.groupId, next);
      this.#deps.ack(m.groupId, m.seq);
      events.emit({
        type: 'security-alert',
        problem: 'message-from-removed-device',
        username: sender.username,
        conversationId: m.groupId,
      });
      this.#deps.revoked(sender.username);
      return;
    }
    const payload = decodePayload(result.plaintext);
    const message = chatMessageOf(payload, { conversationId: m.groupId, seq: m.seq, sender: result.sender });
    if (message) await records.addMessage(message);
    if (payload?.t === 'trust') {
      const usernames = members(result.next).map((m) => m.username);
      await this.#deps.trustShared(result.sender.username, usernames, payload.entries);
    }
    const renamed = payload?.t === 'meta' && payload.name !== conversation.name ? payload.name : undefined;
    if (renamed !== undefined) await records.saveConversation({ ...conversation, name: renamed });
    await this.save(m.groupId, next);
    this.#deps.ack(m.groupId, m.seq);
    if (message) events.emit({ type: 'message', message });
    if (renamed !== undefined)
      events.emit({ type: 'conversation-renamed', conversationId: m.groupId, name: renamed });
  }
}

function randomClientId(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(12)));
}
