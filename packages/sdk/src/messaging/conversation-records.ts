import { decodeGroup, encodeGroup, type Group } from '@parley/crypto';
import { fromBase64url, toBase64url } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import type { ReplyRef } from './payload.ts';

/**
 * Where this device stands in a conversation. `refused`: a commit brought in a device we could not verify.
 * `broken`: a member's commit could not be processed at all, so the conversation cannot go on.
 */
export type ConversationStatus = 'active' | 'removed' | 'refused' | 'broken';

/** A conversation as listed to the app. Its id is the server's group id. */
export type Conversation = Readonly<{ id: string; name: string | null; status: ConversationStatus }>;

export type DeviceRef = Readonly<{ username: string; deviceId: string }>;

/** Who entered or left a conversation in one commit, device by device. */
export type RosterChange = Readonly<{ added: readonly DeviceRef[]; removed: readonly DeviceRef[] }>;

/**
 * One entry of the local history: a message, or (with `roster`) a line saying who joined or left, where
 * `sender` is the member who committed the change and `text` says it in words.
 */
export type ChatMessage = Readonly<{
  conversationId: string;
  seq: number;
  sender: DeviceRef;
  text: string;
  sentAt: string;
  roster?: RosterChange;
  /** The message this one answers. */
  replyTo?: ReplyRef;
  /** An emoji on the message with seq `target`; `text` is the line shown where reactions are not grouped. */
  reaction?: Readonly<{ target: number; emoji: string }>;
  /** A kind this version cannot show (its name); `text` is what its sender wrote for such clients. */
  unsupported?: string;
}>;

/**
 * The MLS state with the delivery bookkeeping that must change atomically with it: the last sequence number
 * processed, the sequence numbers of this device's own messages (which it can neither decrypt nor re-apply),
 * and when this device last refreshed its own leaf keys with a commit (ms; 0 when a refresh is due now).
 */
export type GroupRecord = { group: Group; lastSeq: number; ownSeqs: number[]; keysUpdatedAt: number };

const convKey = (id: string) => `conv/${id}`;
const groupKey = (id: string) => `group/${id}`;
const messagePrefix = (id: string) => `msg/${id}/`;

/** Local persistence of conversations, their MLS state and their history. */
export class ConversationRecords {
  readonly #store: ClientStore;

  constructor(store: ClientStore) {
    this.#store = store;
  }

  async conversation(id: string): Promise<Conversation | undefined> {
    const raw = await getJson(this.#store, convKey(id));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const name: unknown = Reflect.get(raw, 'name');
    const status: unknown = Reflect.get(raw, 'status');
    const known = status === 'active' || status === 'removed' || status === 'refused' || status === 'broken';
    return { id, name: typeof name === 'string' ? name : null, status: known ? status : 'refused' };
  }

  async saveConversation(conversation: Conversation): Promise<void> {
    await putJson(this.#store, convKey(conversation.id), conversation);
  }

  async conversations(): Promise<Conversation[]> {
    const out: Conversation[] = [];
    for (const key of await this.#store.list('conv/')) {
      const found = await this.conversation(key.slice('conv/'.length));
      if (found) out.push(found);
    }
    return out;
  }

  async group(id: string): Promise<GroupRecord | undefined> {
    const raw = await getJson(this.#store, groupKey(id));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const state: unknown = Reflect.get(raw, 'state');
    const lastSeq: unknown = Reflect.get(raw, 'lastSeq');
    const ownSeqs: unknown = Reflect.get(raw, 'ownSeqs');
    const keysUpdatedAt: unknown = Reflect.get(raw, 'keysUpdatedAt');
    if (typeof state !== 'string' || typeof lastSeq !== 'number' || !Array.isArray(ownSeqs)) return undefined;
    return {
      group: decodeGroup(fromBase64url(state)),
      lastSeq,
      ownSeqs: ownSeqs.filter((s): s is number => typeof s === 'number'),
      // Records written before routine updates existed have none: their first refresh is due at once.
      keysUpdatedAt: typeof keysUpdatedAt === 'number' ? keysUpdatedAt : 0,
    };
  }

  /** Encoding adopts the Group (see @parley/crypto): call it only once the server accepted the transition. */
  async saveGroup(id: string, record: GroupRecord): Promise<void> {
    const ownSeqs = record.ownSeqs.filter((s) => s > record.lastSeq);
    await putJson(this.#store, groupKey(id), {
      state: toBase64url(encodeGroup(record.group)),
      lastSeq: record.lastSeq,
      ownSeqs,
      keysUpdatedAt: record.keysUpdatedAt,
    });
  }

  async deleteGroup(id: string): Promise<void> {
    await this.#store.delete(groupKey(id));
  }

  /** Removes every local trace of a conversation: record, MLS state and history. */
  async forget(id: string): Promise<void> {
    for (const key of await this.#store.list(messagePrefix(id))) await this.#store.delete(key);
    await this.#store.delete(groupKey(id));
    await this.#store.delete(convKey(id));
  }

  async addMessage(message: ChatMessage): Promise<void> {
    await putJson(
      this.#store,
      `${messagePrefix(message.conversationId)}${String(message.seq).padStart(16, '0')}`,
      message,
    );
  }

  async messages(id: string): Promise<ChatMessage[]> {
    const out: ChatMessage[] = [];
    for (const key of await this.#store.list(messagePrefix(id))) {
      const raw = await getJson(this.#store, key);
      if (isChatMessage(raw)) out.push(raw);
    }
    return out;
  }
}

function isChatMessage(value: unknown): value is ChatMessage {
  if (typeof value !== 'object' || value === null) return false;
  const roster: unknown = Reflect.get(value, 'roster');
  return (
    typeof Reflect.get(value, 'conversationId') === 'string' &&
    typeof Reflect.get(value, 'seq') === 'number' &&
    typeof Reflect.get(value, 'text') === 'string' &&
    typeof Reflect.get(value, 'sentAt') === 'string' &&
    isDeviceRef(Reflect.get(value, 'sender')) &&
    (roster === undefined ||
      (typeof roster === 'object' &&
        roster !== null &&
        isDeviceRefs(Reflect.get(roster, 'added')) &&
        isDeviceRefs(Reflect.get(roster, 'removed'))))
  );
}

function isDeviceRef(value: unknown): value is DeviceRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'username') === 'string' &&
    typeof Reflect.get(value, 'deviceId') === 'string'
  );
}

function isDeviceRefs(value: unknown): value is DeviceRef[] {
  return Array.isArray(value) && value.every(isDeviceRef);
}
